using Mote.Compress.Quantization;

namespace Mote.Compress.Qat;

/// <summary>
/// How <see cref="QuantizationAwareTraining"/> fine-tunes: epochs, batch size and a cosine-decayed Adam learning rate
/// (small: the float model is already trained), the activation observers' EMA decay, the temperature of the float
/// model's soft targets, the seed for shuffling, and the int8 format of the result.
/// </summary>
public sealed record QatOptions
{
    public int Epochs { get; init; } = 2;

    public int BatchSize { get; init; } = 64;

    public float LearningRate { get; init; } = 2e-4f;

    /// <summary>Weight of the old range in each batch's update of an activation's min/max.</summary>
    public float ObserverDecay { get; init; } = 0.99f;

    /// <summary>Softens the float model's logits and the trained network's in the distillation loss (1: as they are).</summary>
    public float Temperature { get; init; } = 1f;

    public ulong Seed { get; init; } = 1;

    public QuantizationOptions Quantization { get; init; } = new();
}
