using Mote.Graph;

namespace Mote.CodeGen.Emitters;

/// <summary>CONV_2D (int8, per-channel weights, grouped when the filter is shallower than the input) → mote_conv2d_s8.</summary>
internal sealed class Conv2DEmitter : IOperatorEmitter
{
    private const string Kernel = "mote_conv2d_s8";

    public IReadOnlyList<string> RuntimeFiles { get; } = ConvLayer.RuntimeFiles(Kernel);

    public void Emit(LayerContext layer)
    {
        var options = layer.Operator.Options as Conv2DOptions;
        layer.Require(options is not null, "options are missing");
        var input = layer.Input(0);
        var filter = layer.Input(1);
        var output = layer.Output(0);
        layer.Require(filter.IsConstant && filter.Shape.Rank == 4 && input.Shape.Rank == 4 && output.Shape.Rank == 4
            && filter.Shape[0] == output.Shape[3], $"filter {filter.Shape} does not match output {output.Shape}");
        int filterDepth = filter.Shape[3];
        layer.Require(filterDepth > 0 && input.Shape[3] % filterDepth == 0 && output.Shape[3] % (input.Shape[3] / filterDepth) == 0,
            $"filter depth {filterDepth} does not divide input depth {input.Shape[3]} into groups");
        ConvLayer.Emit(layer, Kernel, filterDepth, options!.Padding, options.StrideH, options.StrideW, options.DilationH, options.DilationW, options.Activation);
    }
}
