using System.Numerics;
using Mote.Graph;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels.Common;

/// <summary>
/// TFLM's general quantized ADD/SUB: both inputs are brought to a common scale (twice the larger input scale) with
/// 20 (int8) or 15 (int16) bits of headroom, added or subtracted, then rescaled to the output.
/// </summary>
internal readonly struct QuantizedAddSub<T> : IBinaryFunction<T>
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

    public QuantizedAddSub(KernelContext context, Activation activation, bool subtract)
    {
        (float scale1, int zeroPoint1) = context.Quantization(context.Input(0));
        (float scale2, int zeroPoint2) = context.Quantization(context.Input(1));
        var output = context.Output(0);
        (float outputScale, int outputZeroPoint) = context.Quantization(output);
        _leftShift = output.Type == DataType.Int16 ? 15 : 20;
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
        (_min, _max) = ActivationRange.Quantized(activation, output.Type, outputScale, outputZeroPoint);
        _subtract = subtract;
    }

    public T Apply(T a, T b)
    {
        int shifted1 = (int.CreateTruncating(a) + _input1Offset) * (1 << _leftShift);
        int shifted2 = (int.CreateTruncating(b) + _input2Offset) * (1 << _leftShift);
        int scaled1 = FixedPoint.MultiplyByQuantizedMultiplierSmallerThanOneExp(shifted1, _input1.Multiplier, _input1.Shift);
        int scaled2 = FixedPoint.MultiplyByQuantizedMultiplierSmallerThanOneExp(shifted2, _input2.Multiplier, _input2.Shift);
        int raw = _subtract ? scaled1 - scaled2 : scaled1 + scaled2;
        int result = FixedPoint.MultiplyByQuantizedMultiplierSmallerThanOneExp(raw, _output.Multiplier, _output.Shift) + _outputOffset;
        return T.CreateTruncating(Math.Clamp(result, _min, _max));
    }
}
