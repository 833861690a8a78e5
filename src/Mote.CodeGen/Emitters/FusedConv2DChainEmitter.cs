using Mote.Graph;
using Mote.Runtime.Planning;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// Two CONV_2D in a row, the first one's output read by the second alone, optionally followed by the residual ADD of
/// the second one's output → one mote_conv2d_chain_s8 call: the second convolution runs one output row at a time over a
/// window of the rows of the first one's output it needs, so that output needs a window of arena instead of a whole
/// tensor; with the ADD, each row is added into the skip tensor in place, as <see cref="FusedConv2DAddEmitter"/> does.
/// </summary>
internal sealed class FusedConv2DChainEmitter : IFusedEmitter
{
    /// <summary>The C runtime function of the chain.</summary>
    public const string Kernel = "mote_conv2d_chain_s8";

    private readonly InPlaceFusion? _add;

    private FusedConv2DChainEmitter(ChainFusion chain, InPlaceFusion? add, long windowBytes, long bandBytes)
    {
        Chain = chain;
        _add = add;
        Parts = add is null ? [(chain.Elided, windowBytes)] : [(chain.Elided, windowBytes), (add.Elided, bandBytes)];
    }

    public ChainFusion Chain { get; }

    public int First => Chain.Producer;

    public int Count => _add is null ? 2 : 3;

    public IReadOnlyList<InPlaceFusion> InPlace => _add is null ? [] : [_add];

    public IReadOnlyList<ChainFusion> Chains => [Chain];

    public IReadOnlyList<(int Tensor, long Bytes)> Parts { get; }

    /// <summary>
    /// The chain of the CONV_2D at <paramref name="first"/> into the next one, with the ADD after that when it fuses
    /// too; null when the convolutions do not chain, or when the ADD would fuse but its skip tensor is the first
    /// convolution's input and a row of it would be overwritten before the first convolution's last read of it.
    /// </summary>
    public static FusedConv2DChainEmitter? TryCreate(Subgraph subgraph, int first)
    {
        if (first + 1 >= subgraph.Operators.Count
            || subgraph.Operators[first].Type != OpType.Conv2D || subgraph.Operators[first + 1].Type != OpType.Conv2D
            || ChainFusion.TryCreate(subgraph, first) is not { } chain || subgraph.Tensors[chain.Elided].Type != DataType.Int8
            || Geometry.Of(subgraph, first) is not { } producer || Geometry.Of(subgraph, first + 1) is not { } consumer)
        {
            return null;
        }

        var middle = subgraph.Tensors[chain.Elided].Shape;
        long windowBytes = (long)Math.Min(middle[1], consumer.Extent) * middle[2] * middle[3];
        var add = FusedConv2DAddEmitter.TryCreate(subgraph, first + 1)?.Fusion;
        if (add is null)
        {
            return new FusedConv2DChainEmitter(chain, null, windowBytes, 0);
        }

        var output = subgraph.Tensors[add.Elided].Shape;
        bool readsSkip = subgraph.Operators[first].Inputs.Contains(add.Target);
        return readsSkip && !SkipRowsOutliveReads(producer, consumer, middle[1])
            ? null
            : new FusedConv2DChainEmitter(chain, add, windowBytes, (long)output[2] * output[3]);
    }

    public void Emit(IReadOnlyList<LayerContext> layers)
    {
        var first = Conv2DEmitter.Prepare(layers[0]);
        var second = Conv2DEmitter.Prepare(layers[1]);
        var firstLayer = layers[0].Params("mote_conv_layer", [("params", first.Parameters), ("filter", first.Filter), ("bias", first.Bias)], "layer");
        var secondLayer = layers[1].Params("mote_conv_layer", [("params", second.Parameters), ("filter", second.Filter), ("bias", second.Bias)], "layer");
        layers[0].UseRuntime([.. first.RuntimeFiles, .. AddEmitter.RuntimeFiles, .. FusedConv2DAddEmitter.BandRuntime, Kernel + ".h", Kernel + ".c"]);
        if (_add is null)
        {
            layers[0].Body.Line($"{Kernel}({firstLayer}, {secondLayer}, NULL, {first.Input}, {first.Scratch}, {first.Output}, NULL, {second.Output});");
            return;
        }

        var (addParameters, skip) = AddEmitter.InPlaceArguments(layers[2], _add.Elided);
        layers[0].Body.Line(
            $"{Kernel}({firstLayer}, {secondLayer}, {addParameters}, {first.Input}, {first.Scratch}, {first.Output}, {second.Output}, {skip});");
    }

    /// <summary>
    /// Whether, when the skip tensor is the first convolution's input, every row the ADD writes (after the second
    /// convolution's row of the same index) is past the first convolution's reads: the next row of the first
    /// convolution still to be computed then starts reading below it.
    /// </summary>
    private static bool SkipRowsOutliveReads(Geometry producer, Geometry consumer, int middleHeight)
    {
        for (int row = 0; row < consumer.OutputHeight; row++)
        {
            int lastNeeded = Math.Min(middleHeight - 1, (row * consumer.Stride) - consumer.Pad + consumer.Extent - 1);
            int nextFirstRead = Math.Max(0, ((lastNeeded + 1) * producer.Stride) - producer.Pad);
            if (lastNeeded < middleHeight - 1 && nextFirstRead <= row)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The vertical geometry of a CONV_2D: output rows, stride, padding above and the rows one filter spans.</summary>
    private sealed record Geometry(int OutputHeight, int Stride, int Pad, int Extent)
    {
        public static Geometry? Of(Subgraph subgraph, int op)
        {
            var conv = subgraph.Operators[op];
            if (conv.Options is not Conv2DOptions options || conv.Inputs.Count < 2 || conv.Inputs[1] < 0)
            {
                return null;
            }

            var input = subgraph.Tensors[conv.Inputs[0]].Shape;
            var filter = subgraph.Tensors[conv.Inputs[1]].Shape;
            var output = subgraph.Tensors[conv.Outputs[0]].Shape;
            if (input.Rank != 4 || filter.Rank != 4 || output.Rank != 4 || !input.IsFullyKnown || !filter.IsFullyKnown || !output.IsFullyKnown
                || subgraph.Tensors[conv.Outputs[0]].Type != DataType.Int8)
            {
                return null;
            }

            int extent = ((filter[1] - 1) * options.DilationH) + 1;
            return new Geometry(output[1], options.StrideH, ConvLayer.PaddingBefore(options.StrideH, options.DilationH, input[1], filter[1], output[1]), extent);
        }
    }
}
