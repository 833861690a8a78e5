using Mote.Graph;
using Mote.Runtime.Planning;

namespace Mote.Analysis.Tests.Planning;

public class ChainFusionTests
{
    /// <summary>input → conv → a → conv → b → conv → c → output, every activation 256 bytes.</summary>
    private static (Subgraph Graph, int Input, int A, int B, int C) Convolutions()
    {
        var g = new GraphBuilder();
        int input = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int weights = g.Constant(DataType.Int8, 4, 3, 3, 4);
        int a = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int b = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int c = g.Activation(DataType.Int8, 1, 8, 8, 4);
        g.Op(OpType.Conv2D, [input, weights], a).Op(OpType.Conv2D, [a, weights], b).Op(OpType.Conv2D, [b, weights], c);
        return (g.Build([input], [c]), input, a, b, c);
    }

    [Fact]
    public void A_chain_elides_the_middle_tensor_and_its_output_lives_from_the_first_step()
    {
        var (graph, input, a, b, _) = Convolutions();

        var chain = ChainFusion.TryCreate(graph, 1);
        Assert.NotNull(chain);
        Assert.Equal((1, 2, b, graph.Operators[2].Outputs[0]), (chain.Producer, chain.Consumer, chain.Elided, chain.Output));

        var layout = ArenaLayout.Create(graph, [new ScratchRequest(1, 48)], new SearchPlanner(), chains: [chain]);

        Assert.Equal(-1, layout.TensorOffset(b));
        var output = layout.Buffers.Single(buffer => buffer.Kind == PlannedBufferKind.Tensor && buffer.Index == chain.Output);
        Assert.Equal(1, output.FirstStep);
        // At step 1, a (the first convolution's input), the window and the output are all alive.
        Assert.Equal((2 * 256) + 48, layout.ArenaBytes);
        Assert.NotEqual(layout.TensorOffset(a), layout.TensorOffset(chain.Output));
        Assert.NotEqual(-1, layout.TensorOffset(input));
        PlanValidator.AssertNoOverlap(layout);
    }

    [Fact]
    public void A_middle_tensor_read_elsewhere_or_a_graph_output_is_not_chained()
    {
        var g = new GraphBuilder();
        int input = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int weights = g.Constant(DataType.Int8, 4, 3, 3, 4);
        int a = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int b = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int c = g.Activation(DataType.Int8, 1, 8, 8, 4);
        g.Op(OpType.Conv2D, [input, weights], a).Op(OpType.Conv2D, [a, weights], b).Op(OpType.Add, [a, b], c);
        var graph = g.Build([input], [c]);

        Assert.Null(ChainFusion.TryCreate(graph, 0)); // a is read by the ADD too
        Assert.Null(ChainFusion.TryCreate(graph, 1)); // the ADD reads a besides b
        Assert.Null(ChainFusion.TryCreate(Convolutions().Graph, 2)); // the last operator
    }

    [Fact]
    public void A_chain_may_feed_an_in_place_add_but_fusions_may_not_otherwise_overlap()
    {
        var g = new GraphBuilder();
        int input = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int weights = g.Constant(DataType.Int8, 4, 3, 3, 4);
        int skip = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int a = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int b = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int sum = g.Activation(DataType.Int8, 1, 8, 8, 4);
        g.Op(OpType.Conv2D, [input, weights], skip)
            .Op(OpType.Conv2D, [skip, weights], a)
            .Op(OpType.Conv2D, [a, weights], b)
            .Op(OpType.Add, [skip, b], sum);
        var graph = g.Build([input], [sum]);
        var chain = ChainFusion.TryCreate(graph, 1)!;
        var add = InPlaceFusion.TryCreate(graph, 2)!;

        var layout = ArenaLayout.Create(graph, [new ScratchRequest(1, 48), new ScratchRequest(1, 32)], new SearchPlanner(), fusions: [add], chains: [chain]);

        Assert.Equal(-1, layout.TensorOffset(a));
        Assert.Equal(-1, layout.TensorOffset(b));
        Assert.Equal(layout.TensorOffset(skip), layout.TensorOffset(sum));
        // The peak is now step 0 (input and skip); the fused step holds the skip, the window and the band.
        Assert.Equal(2 * 256, layout.ArenaBytes);
        Assert.Equal(256 + 48 + 32, layout.ArenaBuffersLiveAt(1).Sum(buffer => (buffer.Size + 15) / 16 * 16));
        PlanValidator.AssertNoOverlap(layout);
        var earlier = ChainFusion.TryCreate(graph, 0);
        Assert.Null(earlier); // skip is read by the ADD as well
        Assert.Throws<ArgumentException>(() => ArenaLayout.Create(graph, [], new SearchPlanner(), chains: [chain, chain]));
    }
}
