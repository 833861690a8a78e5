using Mote.Graph;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>DEQUANTIZE int8/int16 → float → mote_dequantize.</summary>
internal sealed class DequantizeEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        layer.UseRuntime("mote_values.h", "mote_dequantize.h", "mote_dequantize.c");
        var input = layer.Input(0);
        var output = layer.Output(0);
        layer.Require(input.Type is DataType.Int8 or DataType.Int16 && output.Type == DataType.Float32 && input.Shape.ElementCount == output.Shape.ElementCount,
            $"{input.Type.TfLiteName()}{input.Shape} → {output.Type.TfLiteName()}{output.Shape} is not supported (int8 or int16 to float32)");
        (float scale, int zeroPoint) = layer.Quantization(input);
        var parameters = layer.Params("mote_dequantize_params",
        [
            ("size", Int(checked((int)output.Shape.ElementCount))),
            ("input_element_size", Int(input.Type.ElementSize())),
            ("scale", CTypes.Float(scale)),
            ("zero_point", Int(zeroPoint)),
        ]);
        layer.Body.Line($"mote_dequantize({parameters}, {layer.InputRef(0)}, {layer.OutputRef(0)});");
    }
}
