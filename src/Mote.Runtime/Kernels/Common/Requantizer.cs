using Mote.Graph;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels.Common;

/// <summary>
/// Turns an int32/int64 accumulator into an output value: multiply by the (per-channel) quantized multiplier, add the
/// output zero point, clamp to the fused activation's range.
/// </summary>
internal sealed class Requantizer
{
    private readonly int[] _multipliers;
    private readonly int[] _shifts;
    private readonly int _outputOffset;

    private Requantizer(int[] multipliers, int[] shifts, int outputOffset, int min, int max)
    {
        _multipliers = multipliers;
        _shifts = shifts;
        _outputOffset = outputOffset;
        Min = min;
        Max = max;
    }

    public int Min { get; }

    public int Max { get; }

    /// <summary>Convolution-style: effective scale input × filter[c] / output per output channel (per-tensor filters broadcast).</summary>
    public static Requantizer PerChannel(KernelContext context, Tensor input, Tensor filter, Tensor output, Activation activation, int channels)
    {
        float inputScale = context.Quantization(input).Scale;
        (float outputScale, int outputZeroPoint) = context.Quantization(output);
        context.Require(filter.Quantization is { HasScales: true }, $"filter {filter.Name} has no quantization parameters");
        var filterScales = filter.Quantization!.Scales.AsSpan();
        context.Require(filterScales.Length == 1 || filterScales.Length == channels,
            $"filter has {filterScales.Length} scales for {channels} output channels");
        (var multipliers, var shifts) = QuantizedMultiplier.PerChannel(inputScale, filterScales, outputScale, channels);
        (int min, int max) = ActivationRange.Quantized(activation, output.Type, outputScale, outputZeroPoint);
        return new Requantizer(multipliers, shifts, outputZeroPoint, min, max);
    }

    /// <summary>One multiplier for every channel (channel index 0).</summary>
    public static Requantizer PerTensor(QuantizedMultiplier multiplier, Tensor output, float outputScale, int outputZeroPoint, Activation activation)
    {
        (int min, int max) = ActivationRange.Quantized(activation, output.Type, outputScale, outputZeroPoint);
        return new Requantizer([multiplier.Multiplier], [multiplier.Shift], outputZeroPoint, min, max);
    }

    public int Apply(int accumulator, int channel) =>
        Math.Clamp(FixedPoint.MultiplyByQuantizedMultiplier(accumulator, _multipliers[channel], _shifts[channel]) + _outputOffset, Min, Max);

    public int Apply(long accumulator, int channel) =>
        Math.Clamp(FixedPoint.MultiplyByQuantizedMultiplier(accumulator, _multipliers[channel], _shifts[channel]) + _outputOffset, Min, Max);
}
