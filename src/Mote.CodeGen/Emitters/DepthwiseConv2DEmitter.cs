using Mote.Graph;

namespace Mote.CodeGen.Emitters;

/// <summary>DEPTHWISE_CONV_2D (int8, per-channel weights, any depth multiplier) → mote_dwconv2d_s8.</summary>
internal sealed class DepthwiseConv2DEmitter : IOperatorEmitter
{
    private const string Kernel = "mote_dwconv2d_s8";

    public IReadOnlyList<string> RuntimeFiles { get; } = ConvLayer.RuntimeFiles(Kernel);

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

        // The depthwise kernel reads one input channel per output channel, so filter_depth is 1.
        ConvLayer.Emit(layer, Kernel, 1, options!.Padding, options.StrideH, options.StrideW, options.DilationH, options.DilationW, options.Activation);
    }
}
