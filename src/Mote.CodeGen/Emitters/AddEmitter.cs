using Mote.Graph;
using Mote.Runtime.Quantization;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// ADD or SUB, int8 or int16: an int8 ADD of two tensors of the output's shape → mote_add_s8 (which the fusions call
/// too); int16, broadcasting and SUB → mote_binary. Both use TFLM's general requantizing arithmetic.
/// </summary>
internal sealed class AddEmitter(bool subtract) : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        var a = layer.Input(0);
        var b = layer.Input(1);
        var output = layer.Output(0);
        layer.Require(a.Type == output.Type && b.Type == output.Type && output.Type is DataType.Int8 or DataType.Int16,
            $"type combination {a.Type.TfLiteName()} → {b.Type.TfLiteName()} → {output.Type.TfLiteName()} is not supported by the C generator (int8 or int16)");
        if (!subtract && output.Type == DataType.Int8 && a.Shape == output.Shape && b.Shape == output.Shape)
        {
            layer.UseRuntime(RuntimeFiles);
            var parameters = Parameters(layer, firstInput: 0, subtract);
            layer.Body.Line($"mote_add_s8({parameters}, {layer.InputRef(0)}, {layer.InputRef(1)}, {layer.OutputRef(0)});");
            return;
        }

        BroadcastBinary.Emit(layer, subtract ? "MOTE_BINARY_SUB" : "MOTE_BINARY_ADD", Arithmetic(layer, firstInput: 0, subtract));
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
        var output = layer.Output(0);
        layer.Require(output.Type == DataType.Int8 && layer.Input(0).Shape == output.Shape && layer.Input(1).Shape == output.Shape,
            "a fused ADD must be int8 without broadcasting");
        return (Parameters(layer, firstInput: elidedPosition, subtract: false), layer.InputRef(1 - elidedPosition));
    }

    /// <summary>Defines the layer's mote_add_params (see <see cref="Arithmetic"/>) and returns a pointer expression to them.</summary>
    private static string Parameters(LayerContext layer, int firstInput, bool subtract) =>
        layer.Params("mote_add_params", Arithmetic(layer, firstInput, subtract));

    /// <summary>
    /// Checks the operator and gives the fields of mote_add_params with input <paramref name="firstInput"/> (0 or 1) as
    /// the kernel's input1 and the other as input2 (a sum is the same either way).
    /// </summary>
    private static IEnumerable<(string Field, string Value)> Arithmetic(LayerContext layer, int firstInput, bool subtract)
    {
        var options = layer.Operator.Options as AddSubOptions;
        layer.Require(options is not null, "options are missing");
        layer.Require(ActivationRange.IsSupported(options!.Activation), $"fused activation {options.Activation} is not supported");
        var output = layer.Output(0);
        (float scale1, int zeroPoint1) = layer.Quantization(layer.Input(firstInput));
        (float scale2, int zeroPoint2) = layer.Quantization(layer.Input(1 - firstInput));
        (float outputScale, int outputZeroPoint) = layer.Quantization(output);

        // As TFLM (and the interpreter's QuantizedAddSub): 20 (int8) or 15 (int16) bits of headroom, and a common scale
        // of twice the larger input scale, in double for ADD; SUB divides the scales in float before widening.
        int leftShift = output.Type == DataType.Int16 ? 15 : 20;
        QuantizedMultiplier input1, input2, result;
        if (subtract)
        {
            float twiceMax = 2 * Math.Max(scale1, scale2);
            (input1, input2) = (QuantizedMultiplier.From(scale1 / twiceMax), QuantizedMultiplier.From(scale2 / twiceMax));
            result = QuantizedMultiplier.From(twiceMax / ((1 << leftShift) * outputScale));
        }
        else
        {
            double twiceMax = 2 * (double)Math.Max(scale1, scale2);
            (input1, input2) = (QuantizedMultiplier.From(scale1 / twiceMax), QuantizedMultiplier.From(scale2 / twiceMax));
            result = QuantizedMultiplier.From(twiceMax / ((1 << leftShift) * (double)outputScale));
        }

        // The kernels divide by 2^-shift (TFLite's "smaller than one" form), which needs every shift at most 0.
        layer.Require(input1.Shift <= 0 && input2.Shift <= 0 && result.Shift <= 0,
            $"the output scale {outputScale} is too small for the input scales {scale1} and {scale2}");
        (int min, int max) = ActivationRange.Quantized(options.Activation, output.Type, outputScale, outputZeroPoint);
        return
        [
            ("size", Int(checked((int)output.Shape.ElementCount))),
            ("left_shift", Int(leftShift)),
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
        ];
    }
}
