using Mote.Graph;
using Mote.Runtime.Quantization;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>ADD of two int8 tensors of the same shape (no broadcasting) → mote_add_s8.</summary>
internal sealed class AddEmitter : IOperatorEmitter
{
    // TFLM's int8 ADD keeps 20 bits of headroom when bringing both inputs to a common scale.
    private const int LeftShift = 20;

    public void Emit(LayerContext layer)
    {
        layer.UseRuntime(RuntimeFiles);
        var parameters = Parameters(layer, firstInput: 0);
        layer.Body.Line($"mote_add_s8({parameters}, {layer.InputRef(0)}, {layer.InputRef(1)}, {layer.OutputRef(0)});");
    }

    /// <summary>The runtime files of mote_add_s8.</summary>
    public static string[] RuntimeFiles => ["mote_add_s8.h", "mote_add_s8.c"];

    /// <summary>
    /// For an ADD fused in place (<see cref="Mote.Runtime.Planning.InPlaceFusion"/>): its parameters with the elided
    /// input as input1, and the reference to its other input, the skip tensor that receives the sum.
    /// </summary>
    public static (string Parameters, string Skip) InPlaceArguments(LayerContext layer, int elided)
    {
        int elidedPosition = layer.InputIndex(0) == elided ? 0 : 1;
        return (Parameters(layer, firstInput: elidedPosition), layer.InputRef(1 - elidedPosition));
    }

    /// <summary>
    /// Checks the ADD and defines its mote_add_params with input <paramref name="firstInput"/> (0 or 1) as the kernel's
    /// input1 and the other as input2 (the sum is the same either way); returns a pointer expression to them.
    /// </summary>
    private static string Parameters(LayerContext layer, int firstInput)
    {
        var options = layer.Operator.Options as AddSubOptions;
        layer.Require(options is not null, "options are missing");
        layer.Require(ActivationRange.IsSupported(options!.Activation), $"fused activation {options.Activation} is not supported");
        var a = layer.Input(firstInput);
        var b = layer.Input(1 - firstInput);
        var output = layer.Output(0);
        layer.RequireInt8(a, b, output);
        layer.Require(a.Shape == output.Shape && b.Shape == output.Shape, $"broadcasting {a.Shape} + {b.Shape} → {output.Shape} is not supported");
        (float scale1, int zeroPoint1) = layer.Quantization(a);
        (float scale2, int zeroPoint2) = layer.Quantization(b);
        (float outputScale, int outputZeroPoint) = layer.Quantization(output);

        // As TFLM's ADD (and the interpreter's QuantizedAddSub): the common scale is twice the larger input scale, in double.
        double twiceMax = 2 * (double)Math.Max(scale1, scale2);
        var input1 = QuantizedMultiplier.From(scale1 / twiceMax);
        var input2 = QuantizedMultiplier.From(scale2 / twiceMax);
        var result = QuantizedMultiplier.From(twiceMax / ((1 << LeftShift) * (double)outputScale));
        (int min, int max) = ActivationRange.Quantized(options.Activation, output.Type, outputScale, outputZeroPoint);

        return layer.Params("mote_add_params",
        [
            ("size", Int(checked((int)output.Shape.ElementCount))),
            ("left_shift", Int(LeftShift)),
            ("input1_offset", Int(-zeroPoint1)),
            ("input1_multiplier", Int(input1.Multiplier)),
            ("input1_shift", Int(input1.Shift)),
            ("input2_offset", Int(-zeroPoint2)),
            ("input2_multiplier", Int(input2.Multiplier)),
            ("input2_shift", Int(input2.Shift)),
            ("output_offset", Int(outputZeroPoint)),
            ("output_multiplier", Int(result.Multiplier)),
            ("output_shift", Int(result.Shift)),
            ("activation_min", Int(min)),
            ("activation_max", Int(max)),
        ]);
    }
}
