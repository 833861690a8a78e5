using Mote.Graph;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>ADD and SUB with broadcasting: int8/int16 through TFLM's general requantizing path, float32 and int32.</summary>
internal static class AddSubKernel
{
    public static IOperation Prepare(KernelContext context, bool subtract)
    {
        var options = context.Options<AddSubOptions>();
        context.RequireActivation(options.Activation);
        var a = context.Input(0);
        var b = context.Input(1);
        var output = context.Output(0);
        context.Require(a.Type == output.Type && b.Type == output.Type, $"input types {a.Type.TfLiteName()}, {b.Type.TfLiteName()} differ from output {output.Type.TfLiteName()}");
        switch (output.Type)
        {
            case DataType.Int8:
                return new BinaryOperation<sbyte, QuantizedAddSubInt8>(context, new(new QuantizedAddSub<sbyte>(context, options.Activation, subtract)));
            case DataType.Int16:
                var function = new QuantizedAddSub<short>(context, options.Activation, subtract);
                return a.Shape == output.Shape && b.Shape == output.Shape && function.Vectorizes
                    ? new Int16AddSubOperation(context.InputIndex(0), context.InputIndex(1), context.OutputIndex(0), function)
                    : new BinaryOperation<short, QuantizedAddSub<short>>(context, function);
            case DataType.Float32:
                (float min, float max) = ActivationRange.Float(options.Activation);
                return new BinaryOperation<float, FloatArithmetic>(context, new(subtract ? '-' : '+', min, max));
            case DataType.Int32:
                return new BinaryOperation<int, IntegerArithmetic<int>>(context, new(subtract ? '-' : '+', int.MinValue, int.MaxValue));
            default:
                throw context.Unsupported(a, b, output);
        }
    }
}
