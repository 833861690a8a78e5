using Mote.Graph;
using Mote.Runtime.Quantization;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// RELU and RELU6, int8 or int16 → mote_requantize, whose rescale-and-clamp is TFLM's arithmetic for both: RELU
/// rescales from the input's to the output's quantization and clamps at the output's zero; RELU6 does not rescale
/// (a multiplier of exactly one on the input's quantization) and clamps to the input's quantized 0 and 6.
/// </summary>
internal sealed class ReluEmitter(Activation activation) : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        layer.UseRuntime("mote_values.h", "mote_requantize.h", "mote_requantize.c");
        var input = layer.Input(0);
        var output = layer.Output(0);
        layer.Require(input.Type == output.Type && input.Type is DataType.Int8 or DataType.Int16 && input.Shape.ElementCount == output.Shape.ElementCount,
            $"{input.Type.TfLiteName()}{input.Shape} → {output.Type.TfLiteName()}{output.Shape} is not supported (int8 or int16 of one size)");
        (float inputScale, int inputZeroPoint) = layer.Quantization(input);
        (float outputScale, int outputZeroPoint) = activation == Activation.Relu ? layer.Quantization(output) : (inputScale, inputZeroPoint);
        layer.Require(input.Type != DataType.Int16 || (inputZeroPoint == 0 && outputZeroPoint == 0), "int16 input and output must have zero point 0");
        var q = QuantizedMultiplier.From((double)inputScale / outputScale);
        (int min, int max) = ActivationRange.Quantized(activation, output.Type, outputScale, outputZeroPoint);
        var parameters = layer.Params("mote_requantize_params",
        [
            ("size", Int(checked((int)output.Shape.ElementCount))),
            ("input_element_size", Int(input.Type.ElementSize())),
            ("output_element_size", Int(output.Type.ElementSize())),
            ("input_zero_point", Int(inputZeroPoint)),
            ("output_zero_point", Int(outputZeroPoint)),
            ("multiplier", Int(q.Multiplier)),
            ("shift", Int(q.Shift)),
            ("output_min", Int(min)),
            ("output_max", Int(max)),
        ]);
        layer.Body.Line($"mote_requantize({parameters}, {layer.InputRef(0)}, {layer.OutputRef(0)});");
    }
}
