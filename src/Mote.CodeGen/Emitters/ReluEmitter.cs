using Mote.Graph;
using Mote.Runtime.Quantization;

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
        var input = layer.Input(0);
        var output = layer.Output(0);
        layer.Require(input.Type == output.Type && input.Type is DataType.Int8 or DataType.Int16 && input.Shape.ElementCount == output.Shape.ElementCount,
            $"{input.Type.TfLiteName()}{input.Shape} → {output.Type.TfLiteName()}{output.Shape} is not supported (int8 or int16 of one size)");
        (float inputScale, int inputZeroPoint) = layer.Quantization(input);
        (float outputScale, int outputZeroPoint) = activation == Activation.Relu ? layer.Quantization(output) : (inputScale, inputZeroPoint);
        layer.Require(input.Type != DataType.Int16 || (inputZeroPoint == 0 && outputZeroPoint == 0), "int16 input and output must have zero point 0");
        (int min, int max) = ActivationRange.Quantized(activation, output.Type, outputScale, outputZeroPoint);
        RequantizeCall.Emit(layer, inputZeroPoint, outputZeroPoint, (double)inputScale / outputScale, (min, max));
    }
}
