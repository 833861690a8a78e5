using Mote.Graph;
using Mote.Runtime.Quantization;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>QUANTIZE: float → int8/int16 (mote_quantize_f32), or requantization between int8, int16 and int32 (mote_requantize).</summary>
internal sealed class QuantizeEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        var input = layer.Input(0);
        var output = layer.Output(0);
        layer.Require(input.Shape.ElementCount == output.Shape.ElementCount, $"input {input.Shape} and output {output.Shape} sizes differ");
        layer.Require(output.Quantization is { Scales.Count: 1 }, "output must be quantized per tensor");
        (float outputScale, int outputZeroPoint) = layer.Quantization(output);
        (int min, int max) = ActivationRange.TypeRange(output.Type);
        if (input.Type == DataType.Float32)
        {
            layer.Require(output.Type is DataType.Int8 or DataType.Int16, $"FLOAT32 → {output.Type.TfLiteName()} is not supported (int8 or int16)");
            layer.UseRuntime("mote_values.h", "mote_quantize_f32.h", "mote_quantize_f32.c");
            var fromFloat = layer.Params("mote_quantize_f32_params",
            [
                ("size", Int(checked((int)output.Shape.ElementCount))),
                ("output_element_size", Int(output.Type.ElementSize())),
                ("scale", CTypes.Float(outputScale)),
                ("zero_point", Int(outputZeroPoint)),
                ("output_min", Int(min)),
                ("output_max", Int(max)),
            ]);
            layer.Body.Line($"mote_quantize_f32({fromFloat}, {layer.InputRef(0)}, {layer.OutputRef(0)});");
            return;
        }

        layer.Require(IsSignedInteger(input.Type) && IsSignedInteger(output.Type) && !(input.Type == DataType.Int32 && output.Type == DataType.Int32),
            $"{input.Type.TfLiteName()} → {output.Type.TfLiteName()} is not supported");
        (float inputScale, int inputZeroPoint) = layer.Quantization(input);
        RequantizeCall.Emit(layer, inputZeroPoint, outputZeroPoint, (double)inputScale / outputScale, (min, max));
    }

    private static bool IsSignedInteger(DataType type) => type is DataType.Int8 or DataType.Int16 or DataType.Int32;
}
