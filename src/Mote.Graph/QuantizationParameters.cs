namespace Mote.Graph;

/// <summary>
/// Affine quantization: real = scale × (q − zero_point). One scale and zero point per tensor, or one per slice
/// along <see cref="Axis"/> (per-channel weights). Min and max are the calibration range TFLite may keep alongside.
/// </summary>
public sealed record QuantizationParameters(
    ValueArray<float> Scales,
    ValueArray<long> ZeroPoints,
    int Axis = 0,
    ValueArray<float> Min = default,
    ValueArray<float> Max = default)
{
    public static QuantizationParameters PerTensor(float scale, long zeroPoint) => new([scale], [zeroPoint]);

    public bool IsPerChannel => Scales.Count > 1;

    public bool HasScales => Scales.Count > 0;
}
