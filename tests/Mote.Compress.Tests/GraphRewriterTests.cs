using Mote.Compress.Rewrites;
using Mote.Graph;
using Mote.TfLite;
using Mote.Train;
using Mote.Train.Export;
using Mote.Train.Layers;

namespace Mote.Compress.Tests;

public sealed class GraphRewriterTests
{
    /// <summary>
    /// Conv, depthwise and dense layers each followed by BatchNorm (with non-trivial statistics) and ReLU/ReLU6,
    /// exported without folding (CONV_2D, MUL, ADD, RELU), come back as three fused operators computing the same.
    /// </summary>
    [Fact]
    public void Unfolded_batch_norm_and_relu_fold_into_the_weighted_operators_with_unchanged_outputs()
    {
        var b = new NetworkBuilder([10, 10, 3], seed: 5);
        var x = b.ReLU(b.BatchNorm(b.Conv2D(b.Input, 6, 3, useBias: false)));
        x = b.ReLU6(b.BatchNorm(b.DepthwiseConv2D(x, 3, multiplier: 2)));
        x = b.Flatten(b.MaxPool2D(x, 2));
        var network = b.Build(b.ReLU(b.BatchNorm(b.Dense(x, 7))));
        var random = new Random(11);
        foreach (var bn in network.Nodes.Select(n => n.Layer).OfType<BatchNorm>())
        {
            Randomize(bn.Gamma, random, 0.5, 1.5);
            Randomize(bn.Beta, random, -0.5, 0.5);
            Randomize(bn.RunningMean, random, -0.3, 0.3);
            Randomize(bn.RunningVariance, random, 0.2, 2);
        }

        var unfolded = ModelExporter.Export(network, new ExportOptions(FoldBatchNorm: false));
        Assert.Contains(unfolded.Main.Operators, op => op.Type == OpType.Mul);

        var (rewritten, changes) = GraphRewriter.Simplify(unfolded);

        Assert.Equal([OpType.Conv2D, OpType.DepthwiseConv2D, OpType.MaxPool2D, OpType.Reshape, OpType.FullyConnected], rewritten.Main.Operators.Select(op => op.Type));
        Assert.Equal(Activation.Relu, ((Conv2DOptions)rewritten.Main.Operators[0].Options).Activation);
        Assert.Equal(Activation.Relu6, ((DepthwiseConv2DOptions)rewritten.Main.Operators[1].Options).Activation);
        Assert.Equal(Activation.Relu, ((FullyConnectedOptions)rewritten.Main.Operators[4].Options).Activation);
        Assert.Equal(9, changes.Count);
        AssertSameOutputs(unfolded, TfLiteReader.Read(TfLiteWriter.Write(rewritten), "rewritten"), 10 * 10 * 3);
    }

    [Fact]
    public void A_model_with_nothing_to_rewrite_is_returned_unchanged()
    {
        var b = new NetworkBuilder([8], seed: 2);
        var model = ModelExporter.Export(b.Build(b.Dense(b.ReLU(b.Dense(b.Input, 4)), 3)));

        var (rewritten, changes) = GraphRewriter.Simplify(model);

        Assert.Empty(changes);
        Assert.Equal(model, rewritten);
    }

    /// <summary>A reshape to the same shape disappears; a reshape of a reshape becomes one; the graph output's stays.</summary>
    [Fact]
    public void Identity_and_chained_reshapes_are_removed_but_the_output_is_kept()
    {
        var b = new NetworkBuilder([4, 6], seed: 3);
        var x = b.Reshape(b.Input, [4, 6], name: "same");
        x = b.Reshape(b.Reshape(x, [6, 4], name: "first"), [24], name: "second");
        var network = b.Build(b.Reshape(b.Dense(x, 5), [5], name: "last"));
        var model = ModelExporter.Export(network);

        var (rewritten, changes) = GraphRewriter.Simplify(model);

        Assert.Equal([OpType.Reshape, OpType.FullyConnected, OpType.Reshape], rewritten.Main.Operators.Select(op => op.Type));
        Assert.Equal(model.Main.Tensors[model.Main.Outputs[0]], rewritten.Main.Tensors[rewritten.Main.Outputs[0]]);
        Assert.Equal(2, changes.Count);
        AssertSameOutputs(model, rewritten, 24);
    }

    private static void AssertSameOutputs(Model expected, Model actual, int inputSize)
    {
        var inputs = FloatRun.RandomInputs(20, inputSize, seed: 4);
        var want = FloatRun.Outputs(expected, inputs);
        var got = FloatRun.Outputs(actual, inputs);
        for (var i = 0; i < want.Length; i++)
        {
            for (var k = 0; k < want[i].Length; k++)
            {
                Assert.True(Math.Abs(want[i][k] - got[i][k]) <= 1e-5f * Math.Max(1, Math.Abs(want[i][k])), $"sample {i} output {k}: {want[i][k]} vs {got[i][k]}");
            }
        }
    }

    private static void Randomize(Parameter parameter, Random random, double low, double high)
    {
        for (var i = 0; i < parameter.Length; i++)
        {
            parameter.Value[i] = (float)(low + random.NextDouble() * (high - low));
        }
    }
}
