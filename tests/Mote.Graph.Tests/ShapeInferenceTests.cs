using Mote.Graph;

namespace Mote.Graph.Tests;

public class ShapeInferenceTests
{
    [Theory]
    [InlineData(49, 10, 2, 1, Padding.Same, 25)]
    [InlineData(49, 10, 2, 1, Padding.Valid, 20)]
    [InlineData(96, 3, 2, 1, Padding.Same, 48)]
    [InlineData(32, 3, 1, 2, Padding.Valid, 28)]
    public void Output_size_follows_tflite_same_and_valid_rules(int input, int filter, int stride, int dilation, Padding padding, int expected)
    {
        Assert.Equal(expected, ShapeInference.OutputSize(input, filter, stride, dilation, padding));
    }

    [Fact]
    public void Conv2d_output_has_filter_count_channels()
    {
        var g = new GraphBuilder();
        var input = g.Activation(DataType.Int8, 1, 49, 10, 1);
        var filter = g.Constant(DataType.Int8, [64, 10, 4, 1]);
        var bias = g.Constant(DataType.Int32, [64]);
        var output = g.Activation(DataType.Int8, 1, 25, 5, 64);
        g.Op(OpType.Conv2D, [input, filter, bias], [output], new Conv2DOptions(Padding.Same, 2, 2));
        var subgraph = g.Build([input], [output]);

        var shapes = ShapeInference.InferOutputs(subgraph, subgraph.Operators[0]);

        Assert.Equal(Shape.Of(1, 25, 5, 64), Assert.Single(shapes!));
        Assert.Equal(25L * 5 * 64 * 10 * 4, CostModel.Estimate(subgraph, 0).Macs);
    }

    [Fact]
    public void Reshape_resolves_one_unknown_dimension_from_the_shape_operand()
    {
        var g = new GraphBuilder();
        var input = g.Activation(DataType.Int8, 1, 5, 5, 64);
        var shape = g.Int32s(-1, 64);
        var output = g.Activation(DataType.Int8, 25, 64);
        g.Op(OpType.Reshape, [input, shape], [output]);
        var subgraph = g.Build([input], [output]);

        Assert.Equal(Shape.Of(25, 64), Assert.Single(ShapeInference.InferOutputs(subgraph, subgraph.Operators[0])!));
    }

    [Fact]
    public void Mean_over_spatial_axes_keeps_dims_when_asked()
    {
        var g = new GraphBuilder();
        var input = g.Activation(DataType.Int8, 1, 8, 8, 16);
        var axes = g.Int32s(1, 2);
        var output = g.Activation(DataType.Int8, 1, 1, 1, 16);
        g.Op(OpType.Mean, [input, axes], [output], new ReducerOptions(KeepDims: true));
        var subgraph = g.Build([input], [output]);

        Assert.Equal(Shape.Of(1, 1, 1, 16), Assert.Single(ShapeInference.InferOutputs(subgraph, subgraph.Operators[0])!));
    }

    [Fact]
    public void Broadcasting_add_takes_the_larger_dimension()
    {
        var g = new GraphBuilder();
        var a = g.Activation(DataType.Float32, 1, 4, 4, 8);
        var b = g.Activation(DataType.Float32, 8);
        var output = g.Activation(DataType.Float32, 1, 4, 4, 8);
        g.Op(OpType.Add, [a, b], [output], new AddSubOptions());
        var subgraph = g.Build([a, b], [output]);

        Assert.Equal(Shape.Of(1, 4, 4, 8), Assert.Single(ShapeInference.InferOutputs(subgraph, subgraph.Operators[0])!));
    }

    [Fact]
    public void Malformed_operands_give_no_shape_instead_of_throwing()
    {
        var g = new GraphBuilder();
        var input = g.Activation(DataType.Int8, 1, 8, 8, 16);
        var filter = g.Constant(DataType.Int8, [3]);
        var output = g.Activation(DataType.Int8, 1, 8, 8, 16);
        g.Op(OpType.Conv2D, [input, filter, -1], [output], new Conv2DOptions(Padding.Same, 0, 1));
        g.Op(OpType.Transpose, [input, -1], [output]);
        var subgraph = g.Build([input], [output]);

        Assert.Null(ShapeInference.InferOutputs(subgraph, subgraph.Operators[0]));
        Assert.Null(ShapeInference.InferOutputs(subgraph, subgraph.Operators[1]));
        Assert.Equal(0, CostModel.Estimate(subgraph, 0).Macs);
    }
}
