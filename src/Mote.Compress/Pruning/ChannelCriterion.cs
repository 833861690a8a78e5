namespace Mote.Compress.Pruning;

/// <summary>How structured pruning ranks a layer's output channels; the lowest-ranked are removed.</summary>
public enum ChannelCriterion
{
    /// <summary>The L1 norm of each filter (or Dense row): small filters contribute little.</summary>
    L1Norm,

    /// <summary>|γ| of the BatchNorm right after the layer (the channel's output scale); L1 norm where there is none.</summary>
    BatchNormGamma,
}
