using Mote.Graph;
using Mote.Runtime.Planning;

namespace Mote.Analysis.Tests.Planning;

public class ArenaLayoutTests
{
    [Fact]
    public void Chain_reuses_memory_of_dead_tensors()
    {
        var g = new GraphBuilder();
        int input = g.Activation(DataType.Int8, 1, 100);
        int weights = g.Constant(DataType.Int8, 100, 100);
        int a = g.Activation(DataType.Int8, 1, 100);
        int b = g.Activation(DataType.Int8, 1, 100);
        int output = g.Activation(DataType.Int8, 1, 100);
        g.Op(OpType.FullyConnected, [input, weights], a)
            .Op(OpType.FullyConnected, [a, weights], b)
            .Op(OpType.FullyConnected, [b, weights], output);

        var layout = ArenaLayout.Create(g.Build([input], [output]), []);

        Assert.Equal(-1, layout.TensorOffset(weights));
        // Two 100-byte tensors (112 aligned) are alive at every step; the third reuses the dead one's memory.
        Assert.Equal(2 * 112, layout.LowerBoundBytes);
        Assert.Equal(layout.LowerBoundBytes, layout.ArenaBytes);
        Assert.Equal(0, layout.PersistentBytes);
        Assert.Equal(0, layout.TensorOffset(input) % ArenaLayout.DefaultAlignment);
        PlanValidator.AssertNoOverlap(layout);
    }

    [Fact]
    public void Graph_inputs_live_from_the_start_and_outputs_to_the_end()
    {
        var g = new GraphBuilder();
        int x = g.Activation(DataType.Float32, 4);
        int late = g.Activation(DataType.Float32, 4);
        int early = g.Activation(DataType.Float32, 4);
        int y = g.Activation(DataType.Float32, 4);
        g.Op(OpType.Floor, [x], early).Op(OpType.Floor, [early], y).Op(OpType.Floor, [late], g.Activation(DataType.Float32, 4));

        var layout = ArenaLayout.Create(g.Build([x, late], [early]), []);

        var lateBuffer = layout.Buffers.Single(b => b.Index == late);
        var earlyBuffer = layout.Buffers.Single(b => b.Index == early);
        Assert.Equal((0, 2), (lateBuffer.FirstStep, lateBuffer.LastStep));
        Assert.Equal((0, 2), (earlyBuffer.FirstStep, earlyBuffer.LastStep));
    }

    [Fact]
    public void Reshape_output_shares_its_input_when_the_input_dies_there()
    {
        var g = new GraphBuilder();
        int input = g.Activation(DataType.Int8, 1, 8, 8);
        int conv = g.Activation(DataType.Int8, 1, 8, 8);
        int flat = g.Activation(DataType.Int8, 1, 64);
        int output = g.Activation(DataType.Int8, 1, 64);
        g.Op(OpType.Relu, [input], conv).Op(OpType.Reshape, [conv], flat).Op(OpType.Softmax, [flat], output);

        var layout = ArenaLayout.Create(g.Build([input], [output]), []);

        Assert.Equal(layout.TensorOffset(conv), layout.TensorOffset(flat));
        Assert.Equal(conv, layout.Buffers.Single(b => b.Index == flat).AliasOf);
        Assert.NotEqual(layout.TensorOffset(input), layout.TensorOffset(conv));
        PlanValidator.AssertNoOverlap(layout);
    }

    [Fact]
    public void Graph_inputs_and_tensors_read_later_are_not_overwritten_in_place()
    {
        var g = new GraphBuilder();
        int input = g.Activation(DataType.Int8, 16);
        int relu = g.Activation(DataType.Int8, 16);
        int tanh = g.Activation(DataType.Int8, 16);
        int sum = g.Activation(DataType.Int8, 16);
        g.Op(OpType.Relu, [input], relu).Op(OpType.Tanh, [relu], tanh).Op(OpType.Add, [relu, tanh], sum);

        var layout = ArenaLayout.Create(g.Build([input], [sum]), []);

        Assert.All(layout.Buffers.Where(b => b.Index != sum), b => Assert.Equal(-1, b.AliasOf));
        Assert.Contains(layout.Buffers.Single(b => b.Index == sum).AliasOf, new[] { relu, tanh });
        PlanValidator.AssertNoOverlap(layout);
    }

    [Fact]
    public void Broadcasting_add_and_widening_dequantize_are_not_in_place()
    {
        var g = new GraphBuilder();
        int input = g.Activation(DataType.Int8, 4, 4);
        int row = g.Activation(DataType.Int8, 4, 4);
        int bias = g.Activation(DataType.Int8, 4);
        int sum = g.Activation(DataType.Int8, 4, 4);
        int real = g.Activation(DataType.Float32, 4, 4);
        g.Op(OpType.Relu, [input], row).Op(OpType.Add, [row, bias], sum).Op(OpType.Dequantize, [sum], real);

        var layout = ArenaLayout.Create(g.Build([input, bias], [real]), []);

        Assert.All(layout.Buffers, b => Assert.Equal(-1, b.AliasOf));
    }

    [Fact]
    public void Variables_go_to_the_persistent_area_and_scratch_lives_one_step()
    {
        var g = new GraphBuilder();
        int input = g.Activation(DataType.Int8, 1, 10);
        int state = g.Variable(DataType.Int16, 1, 20);
        int weights = g.Constant(DataType.Int8, 10, 10);
        int output = g.Activation(DataType.Int8, 1, 10);
        g.Op(OpType.Svdf, [input, weights, weights, -1, state], output);

        var layout = ArenaLayout.Create(g.Build([input], [output]), [new ScratchRequest(0, 100)]);

        Assert.Equal(-1, layout.TensorOffset(state));
        Assert.Equal(0, layout.VariableOffset(state));
        Assert.Equal(-1, layout.VariableOffset(input));
        Assert.Equal(48, layout.PersistentBytes);
        Assert.Equal(16 + 16 + 112, layout.ArenaBytes);
        var scratch = layout.Buffers.Single(b => b.Kind == PlannedBufferKind.Scratch);
        Assert.Equal(layout.ScratchOffset(0), scratch.Offset);
        PlanValidator.AssertNoOverlap(layout);
    }

    [Fact]
    public void Scratch_for_a_missing_operator_is_rejected()
    {
        var g = new GraphBuilder();
        int x = g.Activation(DataType.Int8, 4);
        var subgraph = g.Build([x], [x]);

        Assert.Throws<ArgumentOutOfRangeException>(() => ArenaLayout.Create(subgraph, [new ScratchRequest(0, 16)]));
    }

    [Fact]
    public void Greedy_planner_can_be_chosen()
    {
        var g = new GraphBuilder();
        int x = g.Activation(DataType.Int8, 4);
        int y = g.Activation(DataType.Int8, 4);
        g.Op(OpType.Floor, [x], y);

        var layout = ArenaLayout.Create(g.Build([x], [y]), [], new GreedyBySizePlanner(), alignment: 4);

        Assert.Equal("greedy-by-size", layout.PlannerName);
        Assert.Equal(8, layout.ArenaBytes);
    }
}
