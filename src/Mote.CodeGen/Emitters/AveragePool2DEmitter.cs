using Mote.Graph;
using Mote.Runtime.Quantization;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>AVERAGE_POOL_2D (int8) → mote_avgpool_s8.</summary>
internal sealed class AveragePool2DEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        layer.UseRuntime("mote_avgpool_s8.h", "mote_avgpool_s8.c");
        layer.RequireInt8(layer.Input(0), layer.Output(0));
        layer.Body.Line($"mote_avgpool_s8({Parameters(layer)}, {layer.InputRef(0)}, {layer.OutputRef(0)});");
    }

    /// <summary>Checks a pooling layer's options and shapes and defines its mote_pool_params (shared with MAX_POOL_2D); returns a pointer expression to them.</summary>
    internal static string Parameters(LayerContext layer)
    {
        var options = layer.Operator.Options as Pool2DOptions;
        layer.Require(options is not null, "options are missing");
        layer.Require(ActivationRange.IsSupported(options!.Activation), $"fused activation {options.Activation} is not supported");
        var input = layer.Input(0);
        var output = layer.Output(0);
        layer.Require(input.Shape.Rank == 4 && output.Shape.Rank == 4 && input.Shape[3] == output.Shape[3] && input.Shape[0] == output.Shape[0],
            $"expected 4-D input and output of the same depth, got {input.Shape} and {output.Shape}");
        layer.Require(options.StrideH > 0 && options.StrideW > 0, "strides must be positive");
        int outHeight = ShapeInference.OutputSize(input.Shape[1], options.FilterHeight, options.StrideH, 1, options.Padding);
        int outWidth = ShapeInference.OutputSize(input.Shape[2], options.FilterWidth, options.StrideW, 1, options.Padding);
        layer.Require(output.Shape[1] == outHeight && output.Shape[2] == outWidth,
            $"output shape {output.Shape} does not match input {input.Shape} with a {options.FilterHeight}x{options.FilterWidth} window");
        (float outputScale, int outputZeroPoint) = layer.Quantization(output);
        (int min, int max) = ActivationRange.Quantized(options.Activation, output.Type, outputScale, outputZeroPoint);

        return layer.Params("mote_pool_params",
        [
            ("batches", Int(input.Shape[0])),
            ("input_height", Int(input.Shape[1])),
            ("input_width", Int(input.Shape[2])),
            ("depth", Int(input.Shape[3])),
            ("output_height", Int(outHeight)),
            ("output_width", Int(outWidth)),
            ("filter_height", Int(options.FilterHeight)),
            ("filter_width", Int(options.FilterWidth)),
            ("stride_height", Int(options.StrideH)),
            ("stride_width", Int(options.StrideW)),
            ("pad_height", Int(PaddingBefore(options.StrideH, 1, input.Shape[1], options.FilterHeight, outHeight))),
            ("pad_width", Int(PaddingBefore(options.StrideW, 1, input.Shape[2], options.FilterWidth, outWidth))),
            ("activation_min", Int(min)),
            ("activation_max", Int(max)),
        ]);
    }
}
