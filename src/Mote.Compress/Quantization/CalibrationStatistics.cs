namespace Mote.Compress.Quantization;

/// <summary>
/// Ranges of the float activation tensors of a model's main subgraph, keyed by tensor index, and how many samples
/// produced them. <see cref="Calibrator"/> fills it; <see cref="PostTrainingQuantizer"/> turns it into scales.
/// </summary>
public sealed class CalibrationStatistics(IReadOnlyDictionary<int, TensorRange> ranges, int samples)
{
    public IReadOnlyDictionary<int, TensorRange> Ranges { get; } = ranges;

    public int Samples { get; } = samples;

    public TensorRange this[int tensor] => Ranges.TryGetValue(tensor, out var range) ? range : TensorRange.Empty;
}
