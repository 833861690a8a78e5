using Mote.Graph;
using Mote.Runtime.Quantization;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>LEAKY_RELU, int8 or int16 → mote_leaky_relu.</summary>
internal sealed class LeakyReluEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        layer.UseRuntime("mote_values.h", "mote_leaky_relu.h", "mote_leaky_relu.c");
        var options = layer.Operator.Options as LeakyReluOptions;
        layer.Require(options is not null, "options are missing");
        var input = layer.Input(0);
        var output = layer.Output(0);
        layer.Require(input.Type == output.Type && input.Type is DataType.Int8 or DataType.Int16 && input.Shape == output.Shape,
            $"{input.Type.TfLiteName()}{input.Shape} → {output.Type.TfLiteName()}{output.Shape} is not supported (int8 or int16 of one shape)");
        layer.Require(options!.Alpha >= 0, $"alpha {options.Alpha} is negative");
        (float inputScale, int inputZeroPoint) = layer.Quantization(input);
        (float outputScale, int outputZeroPoint) = layer.Quantization(output);

        // As the interpreter (and TFLM): both ratios formed in float before widening to double.
        var identity = QuantizedMultiplier.From(inputScale / outputScale);
        var alpha = QuantizedMultiplier.From(inputScale * options.Alpha / outputScale);
        (int min, int max) = ActivationRange.TypeRange(output.Type);
        var parameters = layer.Params("mote_leaky_relu_params",
        [
            ("size", Int(checked((int)output.Shape.ElementCount))),
            ("element_size", Int(output.Type.ElementSize())),
            ("input_offset", Int(-inputZeroPoint)),
            ("output_offset", Int(outputZeroPoint)),
            ("identity_multiplier", Int(identity.Multiplier)),
            ("identity_shift", Int(identity.Shift)),
            ("alpha_multiplier", Int(alpha.Multiplier)),
            ("alpha_shift", Int(alpha.Shift)),
            ("output_min", Int(min)),
            ("output_max", Int(max)),
        ]);
        layer.Body.Line($"mote_leaky_relu({parameters}, {layer.InputRef(0)}, {layer.OutputRef(0)});");
    }
}
