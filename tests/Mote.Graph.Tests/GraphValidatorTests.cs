using Mote.Graph;

namespace Mote.Graph.Tests;

public class GraphValidatorTests
{
    [Fact]
    public void A_declared_shape_that_disagrees_with_the_inputs_is_reported()
    {
        var g = new GraphBuilder();
        var input = g.Activation(DataType.Float32, 1, 10);
        var weights = g.Constant(DataType.Float32, [4, 10]);
        var output = g.Activation(DataType.Float32, 1, 5);
        g.Op(OpType.FullyConnected, [input, weights, -1], [output], new FullyConnectedOptions());
        var model = new Model([g.Build([input], [output])]);

        var issue = Assert.Single(GraphValidator.Validate(model));

        Assert.Equal(0, issue.OperatorIndex);
        Assert.Contains("declared [1,5] but its inputs give [1,4]", issue.Message);
    }

    [Fact]
    public void Int8_convolution_with_float_weights_and_no_scales_is_reported()
    {
        var g = new GraphBuilder();
        var input = g.Activation(DataType.Int8, 1, 4, 4, 2);
        var filter = g.Constant(DataType.Float32, [3, 1, 1, 2]);
        var output = g.Activation(DataType.Int8, 1, 4, 4, 3);
        g.Op(OpType.Conv2D, [input, filter, -1], [output], new Conv2DOptions(Padding.Same, 1, 1));

        var messages = GraphValidator.Validate(new Model([g.Build([input], [output])])).Select(i => i.Message).ToList();

        Assert.Contains(messages, m => m.Contains("needs int8 weights, not FLOAT32"));
        Assert.Contains(messages, m => m.Contains("need scales"));
    }
}
