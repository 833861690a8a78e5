using Mote.Graph;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// DEPTHWISE_CONV_2D (int8, per-channel weights) → mote_dwconv2d_s8 for depth multiplier 1 (four channels per step),
/// mote_dwconv2d_mult_s8 for any other multiplier.
/// </summary>
internal sealed class DepthwiseConv2DEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        var options = layer.Operator.Options as DepthwiseConv2DOptions;
        layer.Require(options is not null, "options are missing");
        var input = layer.Input(0);
        var filter = layer.Input(1);
        var output = layer.Output(0);
        layer.Require(filter.IsConstant && filter.Shape.Rank == 4 && filter.Shape[0] == 1 && input.Shape.Rank == 4 && output.Shape.Rank == 4
            && filter.Shape[3] == output.Shape[3] && output.Shape[3] % input.Shape[3] == 0,
            $"filter {filter.Shape} does not match input {input.Shape} and output {output.Shape}");
        bool multiplierOne = output.Shape[3] == input.Shape[3];
        var kernel = multiplierOne ? "mote_dwconv2d_s8" : "mote_dwconv2d_mult_s8";
        layer.UseRuntime(multiplierOne
            ? ["mote_dsp.h", "mote_conv_params.h", "mote_dwconv2d_s8.h", "mote_dwconv2d_s8.c"]
            : ["mote_conv_params.h", "mote_dwconv2d_mult_s8.h", "mote_dwconv2d_mult_s8.c"]);

        // The depthwise kernels read one input channel per output channel, so filter_depth is 1.
        ConvLayer.Emit(layer, kernel, 1, options!.Padding, options.StrideH, options.StrideW, options.DilationH, options.DilationW, options.Activation);
    }
}
