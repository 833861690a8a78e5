using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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

    // The shift split into its left and right parts, for the vector path.
    private readonly uint[] _leftShifts;
    private readonly uint[] _rightShifts;

    private Requantizer(int[] multipliers, int[] shifts, int outputOffset, int min, int max)
    {
        _multipliers = multipliers;
        _shifts = shifts;
        _outputOffset = outputOffset;
        Min = min;
        Max = max;
        _leftShifts = Array.ConvertAll(shifts, s => (uint)Math.Max(s, 0));
        _rightShifts = Array.ConvertAll(shifts, s => (uint)Math.Max(-s, 0));
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

    /// <summary>One multiplier for every channel.</summary>
    public static Requantizer PerTensor(QuantizedMultiplier multiplier, Tensor output, float outputScale, int outputZeroPoint, Activation activation)
    {
        (int min, int max) = ActivationRange.Quantized(activation, output.Type, outputScale, outputZeroPoint);
        return new Requantizer([multiplier.Multiplier], [multiplier.Shift], outputZeroPoint, min, max);
    }

    /// <summary>Requantizes one accumulator of output channel <paramref name="channel"/> (any channel for a per-tensor requantizer).</summary>
    public int Apply(int accumulator, int channel)
    {
        int at = Index(channel);
        return Math.Clamp(FixedPoint.MultiplyByQuantizedMultiplier(accumulator, _multipliers[at], _shifts[at]) + _outputOffset, Min, Max);
    }

    /// <inheritdoc cref="Apply(int, int)"/>
    public int Apply(long accumulator, int channel)
    {
        int at = Index(channel);
        return Math.Clamp(FixedPoint.MultiplyByQuantizedMultiplier(accumulator, _multipliers[at], _shifts[at]) + _outputOffset, Min, Max);
    }

    /// <summary>
    /// Requantizes accumulators of eight consecutive channels starting at <paramref name="channel"/> (or eight values
    /// of a per-tensor requantizer) into int8 at <paramref name="destination"/>; the same values as <see cref="Apply(int, int)"/>.
    /// Only when <see cref="FixedPointVector.IsSupported"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreInt8(Vector256<int> accumulator, int channel, ref sbyte destination)
    {
        // Callers pass a channel with seven more after it, so the unchecked loads stay inside the arrays.
        var scaled = _multipliers.Length == 1
            ? FixedPointVector.MultiplyByQuantizedMultiplier(
                accumulator, Vector256.Create(_multipliers[0]), Vector256.Create(_leftShifts[0]), Vector256.Create(_rightShifts[0]))
            : FixedPointVector.MultiplyByQuantizedMultiplier(
                accumulator,
                Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_multipliers), (nuint)channel),
                Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_leftShifts), (nuint)channel),
                Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_rightShifts), (nuint)channel));
        var clamped = Avx2.Min(Avx2.Max(Avx2.Add(scaled, Vector256.Create(_outputOffset)), Vector256.Create(Min)), Vector256.Create(Max));

        // Values are in int8 range now, so narrowing only drops zero or sign bits.
        var shorts = Avx2.PackSignedSaturate(clamped, clamped);
        var bytes = Avx2.PackSignedSaturate(shorts, shorts);
        var joined = Avx2.PermuteVar8x32(bytes.AsInt32(), Vector256.Create(0, 4, 0, 0, 0, 0, 0, 0));
        Unsafe.WriteUnaligned(ref Unsafe.As<sbyte, byte>(ref destination), joined.AsInt64().ToScalar());
    }

    private int Index(int channel) => _multipliers.Length == 1 ? 0 : channel;
}
