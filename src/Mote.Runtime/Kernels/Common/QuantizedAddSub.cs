using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Mote.Graph;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels.Common;

/// <summary>
/// TFLM's general quantized ADD/SUB: both inputs are brought to a common scale (twice the larger input scale) with
/// 20 (int8) or 15 (int16) bits of headroom, added or subtracted, then rescaled to the output.
/// </summary>
public readonly struct QuantizedAddSub<T> : IBinaryFunction<T>
    where T : unmanaged, IBinaryInteger<T>
{
    private readonly int _input1Offset;
    private readonly int _input2Offset;
    private readonly int _leftShift;
    private readonly QuantizedMultiplier _input1;
    private readonly QuantizedMultiplier _input2;
    private readonly QuantizedMultiplier _output;
    private readonly int _outputOffset;
    private readonly int _min;
    private readonly int _max;
    private readonly bool _subtract;

    internal QuantizedAddSub(KernelContext context, Activation activation, bool subtract)
        : this(context.Quantization(context.Input(0)), context.Quantization(context.Input(1)), context.Quantization(context.Output(0)), context.Output(0).Type, activation, subtract)
    {
    }

    /// <summary>The arithmetic for inputs and an output of these scales and zero points (int8 or int16 output).</summary>
    public QuantizedAddSub((float Scale, int ZeroPoint) input1, (float Scale, int ZeroPoint) input2, (float Scale, int ZeroPoint) output, DataType outputType, Activation activation, bool subtract)
    {
        (float scale1, int zeroPoint1) = input1;
        (float scale2, int zeroPoint2) = input2;
        (float outputScale, int outputZeroPoint) = output;
        _leftShift = outputType == DataType.Int16 ? 15 : 20;
        if (subtract)
        {
            // TFLM's SUB divides the scales in float and only then widens to double; ADD works in double throughout.
            float twiceMax = 2 * Math.Max(scale1, scale2);
            _input1 = QuantizedMultiplier.From(scale1 / twiceMax);
            _input2 = QuantizedMultiplier.From(scale2 / twiceMax);
            _output = QuantizedMultiplier.From(twiceMax / ((1 << _leftShift) * outputScale));
        }
        else
        {
            double twiceMax = 2 * (double)Math.Max(scale1, scale2);
            _input1 = QuantizedMultiplier.From(scale1 / twiceMax);
            _input2 = QuantizedMultiplier.From(scale2 / twiceMax);
            _output = QuantizedMultiplier.From(twiceMax / ((1 << _leftShift) * (double)outputScale));
        }
        _input1Offset = -zeroPoint1;
        _input2Offset = -zeroPoint2;
        _outputOffset = outputZeroPoint;
        (_min, _max) = ActivationRange.Quantized(activation, outputType, outputScale, outputZeroPoint);
        _subtract = subtract;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply(T a, T b)
    {
        int scaled1 = ScaleInput1(int.CreateTruncating(a));
        int scaled2 = ScaleInput2(int.CreateTruncating(b));
        return Output(_subtract ? scaled1 - scaled2 : scaled1 + scaled2);
    }

    /// <summary>Input 1 with its zero point removed, shifted left and brought to the common scale.</summary>
    public int ScaleInput1(int value) =>
        FixedPoint.MultiplyByQuantizedMultiplierSmallerThanOneExp((value + _input1Offset) * (1 << _leftShift), _input1.Multiplier, _input1.Shift);

    public int ScaleInput2(int value) =>
        FixedPoint.MultiplyByQuantizedMultiplierSmallerThanOneExp((value + _input2Offset) * (1 << _leftShift), _input2.Multiplier, _input2.Shift);

    /// <summary>The sum or difference at the common scale, rescaled to the output with its zero point and clamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Output(int raw)
    {
        int result = FixedPoint.MultiplyByQuantizedMultiplierSmallerThanOneExp(raw, _output.Multiplier, _output.Shift) + _outputOffset;
        return T.CreateTruncating(Math.Clamp(result, _min, _max));
    }

    public bool Subtracts => _subtract;

    /// <summary>Whether <see cref="Apply(Vector256{int}, Vector256{int})"/> may be used: all three multipliers are below one.</summary>
    public bool Vectorizes => FixedPointVector.IsSupported && _input1.Shift <= 0 && _input2.Shift <= 0 && _output.Shift <= 0;

    /// <summary><see cref="Apply(T, T)"/> on eight lanes of int32-widened inputs, giving int32 lanes within the clamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<int> Apply(Vector256<int> a, Vector256<int> b)
    {
        var noShift = Vector256<uint>.Zero;
        var scaled1 = FixedPointVector.MultiplyByQuantizedMultiplier(
            Avx2.ShiftLeftLogicalVariable(Avx2.Add(a, Vector256.Create(_input1Offset)), Vector256.Create((uint)_leftShift)),
            Vector256.Create(_input1.Multiplier), noShift, Vector256.Create((uint)-_input1.Shift));
        var scaled2 = FixedPointVector.MultiplyByQuantizedMultiplier(
            Avx2.ShiftLeftLogicalVariable(Avx2.Add(b, Vector256.Create(_input2Offset)), Vector256.Create((uint)_leftShift)),
            Vector256.Create(_input2.Multiplier), noShift, Vector256.Create((uint)-_input2.Shift));
        var raw = _subtract ? Avx2.Subtract(scaled1, scaled2) : Avx2.Add(scaled1, scaled2);
        var result = Avx2.Add(
            FixedPointVector.MultiplyByQuantizedMultiplier(raw, Vector256.Create(_output.Multiplier), noShift, Vector256.Create((uint)-_output.Shift)),
            Vector256.Create(_outputOffset));
        return Avx2.Min(Avx2.Max(result, Vector256.Create(_min)), Vector256.Create(_max));
    }
}

/// <summary>
/// Int8 ADD/SUB with the same arithmetic as <see cref="QuantizedAddSub{T}"/>: each input has only 256 values, so
/// their scaled forms (negated for SUB's second input) are tabulated in Prepare and Eval does one requantization
/// per element instead of three.
/// </summary>
internal readonly struct QuantizedAddSubInt8 : IBinaryFunction<sbyte>
{
    private readonly QuantizedAddSub<sbyte> _general;
    private readonly int[] _scaled1 = new int[256];
    private readonly int[] _scaled2 = new int[256];

    public QuantizedAddSubInt8(QuantizedAddSub<sbyte> general)
    {
        _general = general;
        for (int value = sbyte.MinValue; value <= sbyte.MaxValue; value++)
        {
            _scaled1[(byte)value] = general.ScaleInput1(value);
            _scaled2[(byte)value] = general.Subtracts ? -general.ScaleInput2(value) : general.ScaleInput2(value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public sbyte Apply(sbyte a, sbyte b) => _general.Output(_scaled1[(byte)a] + _scaled2[(byte)b]);
}
