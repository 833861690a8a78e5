using Mote.Graph;
using Mote.Runtime.Quantization;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// One mote_requantize call over the layer's whole input: rescale each value from the input's to the output's
/// quantization and clamp. QUANTIZE between integer types and RELU/RELU6 are all this arithmetic in TFLM.
/// </summary>
internal static class RequantizeCall
{
    public static void Emit(LayerContext layer, int inputZeroPoint, int outputZeroPoint, double realMultiplier, (int Min, int Max) clamp)
    {
        layer.UseRuntime("mote_values.h", "mote_requantize.h", "mote_requantize.c");
        var input = layer.Input(0);
        var output = layer.Output(0);
        var q = QuantizedMultiplier.From(realMultiplier);
        var parameters = layer.Params("mote_requantize_params",
        [
            ("size", Int(checked((int)output.Shape.ElementCount))),
            ("input_element_size", Int(input.Type.ElementSize())),
            ("output_element_size", Int(output.Type.ElementSize())),
            ("input_zero_point", Int(inputZeroPoint)),
            ("output_zero_point", Int(outputZeroPoint)),
            ("multiplier", Int(q.Multiplier)),
            ("shift", Int(q.Shift)),
            ("output_min", Int(clamp.Min)),
            ("output_max", Int(clamp.Max)),
        ]);
        layer.Body.Line($"mote_requantize({parameters}, {layer.InputRef(0)}, {layer.OutputRef(0)});");
    }
}
