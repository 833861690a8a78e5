using Mote.Graph;
using Mote.Runtime.Kernels;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>SOFTMAX int8 → int8 or int16 over the last dimension → mote_softmax_s8 (gemmlowp fixed-point exp, as TFLM).</summary>
internal sealed class SoftmaxEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        layer.UseRuntime("mote_values.h", "mote_softmax_s8.h", "mote_softmax_s8.c");
        var options = layer.Operator.Options as SoftmaxOptions;
        layer.Require(options is not null, "options are missing");
        var input = layer.Input(0);
        var output = layer.Output(0);
        layer.Require(input.Type == DataType.Int8 && output.Type is DataType.Int8 or DataType.Int16,
            $"type combination {input.Type.TfLiteName()} → {output.Type.TfLiteName()} is not supported (int8 → int8 or int16)");
        layer.Require(input.Shape.Rank >= 1 && input.Shape == output.Shape, $"input {input.Shape} and output {output.Shape} must have the same shape");
        // The interpreter's checks, as TFLM's.
        layer.Require(output.Type == DataType.Int16 || layer.Quantization(output) == (1f / 256, -128), "int8 output must have scale 1/256 and zero point -128");
        layer.Require(output.Type == DataType.Int8 || layer.Quantization(output).ZeroPoint == short.MinValue, "int16 output must have zero point -32768");
        int depth = input.Shape[input.Shape.Rank - 1];
        int rows = (int)(input.Shape.ElementCount / Math.Max(depth, 1));

        var (q, diffMin) = SoftmaxKernel.InputScaling(options!.Beta, layer.Quantization(input).Scale);

        var parameters = layer.Params("mote_softmax_params",
        [
            ("rows", Int(rows)),
            ("depth", Int(depth)),
            ("input_multiplier", Int(q.Multiplier)),
            ("input_left_shift", Int(q.Shift)),
            ("diff_min", Int(diffMin)),
            ("output_size", Int(output.Type.ElementSize())),
        ]);
        layer.Body.Line($"mote_softmax_s8({parameters}, {layer.InputRef(0)}, {layer.OutputRef(0)});");
    }
}
