using Mote.Graph;
using Mote.Runtime.Planning;

namespace Mote.Analysis.Tests.Planning;

public class InPlaceFusionTests
{
    /// <summary>
    /// input → conv → a → conv → b → conv → c; ADD(a, c) → d → conv → output: a residual block whose peak (a, b and
    /// c alive at once, 256 bytes each) a fused last conv and ADD lowers to a and b plus a band.
    /// </summary>
    private static (Subgraph Graph, int A, int B, int C, int D) ResidualBlock(Action<GraphBuilder, int, int, int, int>? extra = null)
    {
        var g = new GraphBuilder();
        int input = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int weights = g.Constant(DataType.Int8, 4, 3, 3, 4);
        int a = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int b = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int c = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int d = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int output = g.Activation(DataType.Int8, 1, 8, 8, 4);
        g.Op(OpType.Conv2D, [input, weights], a)
            .Op(OpType.Conv2D, [a, weights], b)
            .Op(OpType.Conv2D, [b, weights], c)
            .Op(OpType.Add, [a, c], d)
            .Op(OpType.Conv2D, [d, weights], output);
        extra?.Invoke(g, a, b, c, d);
        return (g.Build([input], [output]), a, b, c, d);
    }

    [Fact]
    public void Residual_conv_and_add_fuse_and_the_conv_output_gets_no_buffer()
    {
        var (graph, a, b, c, d) = ResidualBlock();

        var fusion = InPlaceFusion.TryCreate(graph, 2);
        Assert.NotNull(fusion);
        Assert.Equal((2, 3, c, a, d), (fusion.Producer, fusion.Consumer, fusion.Elided, fusion.Target, fusion.Output));

        var plain = ArenaLayout.Create(graph, []);
        var fused = ArenaLayout.Create(graph, [new ScratchRequest(2, 32)], new SearchPlanner(), fusions: [fusion]);

        Assert.Equal(3 * 256, plain.ArenaBytes);
        Assert.Equal((2 * 256) + 32, fused.ArenaBytes);
        Assert.Equal(-1, fused.TensorOffset(c));
        Assert.DoesNotContain(fused.Buffers, buffer => buffer.Kind == PlannedBufferKind.Tensor && buffer.Index == c);
        Assert.Equal(fused.TensorOffset(a), fused.TensorOffset(d));
        Assert.Equal(a, fused.Buffers.Single(buffer => buffer.Kind == PlannedBufferKind.Tensor && buffer.Index == d).AliasOf);
        Assert.NotEqual(fused.TensorOffset(b), fused.TensorOffset(a));
        PlanValidator.AssertNoOverlap(fused);
    }

    [Fact]
    public void Operators_that_are_not_a_producer_and_an_elementwise_consumer_do_not_fuse()
    {
        var (graph, _, _, _, _) = ResidualBlock();

        Assert.Null(InPlaceFusion.TryCreate(graph, 0)); // conv → conv
        Assert.Null(InPlaceFusion.TryCreate(graph, 1)); // conv → conv
        Assert.Null(InPlaceFusion.TryCreate(graph, 3)); // ADD → conv
        Assert.Null(InPlaceFusion.TryCreate(graph, 4)); // the last operator
        Assert.Null(InPlaceFusion.TryCreate(graph, -1));
    }

    [Fact]
    public void A_skip_tensor_read_after_the_add_is_not_overwritten()
    {
        var (graph, _, _, _, _) = ResidualBlock((g, a, _, _, _) => g.Op(OpType.Relu, [a], g.Activation(DataType.Int8, 1, 8, 8, 4)));

        Assert.Null(InPlaceFusion.TryCreate(graph, 2));
    }

    [Fact]
    public void A_conv_output_read_by_another_operator_is_not_elided()
    {
        var (graph, _, _, _, _) = ResidualBlock((g, _, _, c, _) => g.Op(OpType.Relu, [c], g.Activation(DataType.Int8, 1, 8, 8, 4)));

        Assert.Null(InPlaceFusion.TryCreate(graph, 2));
    }

    [Fact]
    public void A_conv_that_reads_the_skip_tensor_cannot_write_over_it()
    {
        var g = new GraphBuilder();
        int input = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int weights = g.Constant(DataType.Int8, 4, 3, 3, 4);
        int a = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int c = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int d = g.Activation(DataType.Int8, 1, 8, 8, 4);
        g.Op(OpType.Conv2D, [input, weights], a).Op(OpType.Conv2D, [a, weights], c).Op(OpType.Add, [a, c], d);

        Assert.Null(InPlaceFusion.TryCreate(g.Build([input], [d]), 1));
    }

    [Fact]
    public void A_graph_input_is_not_overwritten()
    {
        var g = new GraphBuilder();
        int skip = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int x = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int weights = g.Constant(DataType.Int8, 4, 3, 3, 4);
        int c = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int d = g.Activation(DataType.Int8, 1, 8, 8, 4);
        g.Op(OpType.Conv2D, [x, weights], c).Op(OpType.Add, [skip, c], d);

        Assert.Null(InPlaceFusion.TryCreate(g.Build([skip, x], [d]), 0));
    }

    [Fact]
    public void A_broadcasting_add_is_not_fused()
    {
        var g = new GraphBuilder();
        int input = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int weights = g.Constant(DataType.Int8, 4, 3, 3, 4);
        int row = g.Activation(DataType.Int8, 1, 1, 1, 4);
        int c = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int d = g.Activation(DataType.Int8, 1, 8, 8, 4);
        g.Op(OpType.AveragePool2D, [input], row).Op(OpType.Conv2D, [input, weights], c).Op(OpType.Add, [c, row], d);

        Assert.Null(InPlaceFusion.TryCreate(g.Build([input], [d]), 1));
    }

    [Fact]
    public void A_fusion_of_another_graph_or_overlapping_fusions_are_rejected()
    {
        var (graph, _, _, _, _) = ResidualBlock();
        var (other, _, _, _, _) = ResidualBlock();
        var fusion = InPlaceFusion.TryCreate(other, 2)!;

        Assert.Throws<ArgumentException>(() => ArenaLayout.Create(graph, [], new SearchPlanner(), fusions: [fusion]));
        var own = InPlaceFusion.TryCreate(graph, 2)!;
        Assert.Throws<ArgumentException>(() => ArenaLayout.Create(graph, [], new SearchPlanner(), fusions: [own, own]));
    }
}
