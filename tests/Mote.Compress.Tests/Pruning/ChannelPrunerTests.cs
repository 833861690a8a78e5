using Mote.Compress.Pruning;
using Mote.Graph;
using Mote.Train;
using Mote.Train.Export;
using Mote.Train.Layers;

namespace Mote.Compress.Tests.Pruning;

public sealed class ChannelPrunerTests
{
    [Theory]
    [InlineData(ChannelCriterion.L1Norm)]
    [InlineData(ChannelCriterion.BatchNormGamma)]
    public void PrunedNetworkComputesWhatTheMaskedOriginalComputes(ChannelCriterion criterion)
    {
        var network = CompressionData.Residual(seed: 3);
        CompressionData.RandomizeNormalization(network, seed: 4);
        var plan = ChannelPlan.Create(network, 0.5, criterion);
        var pruned = ChannelPruner.Prune(network, plan);

        MaskRemovedChannels(network, plan);
        var data = CompressionData.Quadrants(16, seed: 5);
        var expected = CompressionData.Infer(network, data);
        var actual = CompressionData.Infer(pruned, data);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-4f * (1 + Math.Abs(expected[i])));
        }
    }

    [Fact]
    public void ResidualBranchesKeepOneChannelSetAndTheOutputKeepsEveryClass()
    {
        var network = CompressionData.Residual(seed: 3);
        var plan = ChannelPlan.Create(network, 0.5, ChannelCriterion.L1Norm);

        var residual = Assert.Single(plan.Groups, g => g.Layers.Count == 2);
        Assert.Equal(["conv2d_1", "conv2d_2"], residual.Layers);
        Assert.Equal(4, residual.KeptChannels);
        Assert.Null(plan.Groups.Single(g => g.Layers.SequenceEqual(["dense_2"])).Kept);
        var add = network.Nodes.Single(n => n.Layer is Add);
        Assert.All(add.Inputs, i => Assert.Equal(plan.Kept(add.Index), plan.Kept(i)));
        Assert.Equal(3, ChannelPruner.Prune(network, plan).OutputSize);
    }

    [Fact]
    public void MacsDropByTheRemovedChannels()
    {
        // conv 3×3 (2→8) on 8×8, conv 3×3 (8→8) on 8×8, global pool, dense 8→3: removing half of each conv's filters
        // halves the first conv, quarters the second and halves the dense layer.
        var b = new NetworkBuilder([8, 8, 2], seed: 1);
        var x = b.ReLU(b.Conv2D(b.Input, 8, 3));
        x = b.ReLU(b.Conv2D(x, 8, 3));
        var network = b.Build(b.Dense(b.GlobalAveragePool(x), 3));
        var pruned = ChannelPruner.Prune(network, ChannelPlan.Create(network, 0.5, ChannelCriterion.L1Norm));

        long Macs(Network n) => CostModel.TotalMacs(ModelExporter.Export(n).Main);
        var conv1 = 64L * 9 * 2 * 8;
        var conv2 = 64L * 9 * 8 * 8;
        var dense = 8L * 3;
        var fixedCost = Macs(network) - conv1 - conv2 - dense;
        Assert.Equal(fixedCost + conv1 / 2 + conv2 / 4 + dense / 2, Macs(pruned));
    }

    [Fact]
    public void ChannelsLeftAreTheStrongestFilters()
    {
        var b = new NetworkBuilder([4, 4, 1], seed: 1);
        var x = b.Conv2D(b.Input, 4, 1, useBias: false);
        var network = b.Build(b.Dense(b.Flatten(x), 2));
        var conv = (Conv2D)network.Nodes[1].Layer!;
        new float[] { 0.1f, -3f, 0.2f, 2f }.CopyTo(conv.Weights.Value, 0);
        var plan = ChannelPlan.Create(network, 0.5, ChannelCriterion.L1Norm);

        Assert.Equal([1, 3], plan.Kept(1)!);
        // Flatten repeats the kept channels at each of the 16 pixels.
        Assert.Equal(Enumerable.Range(0, 16).SelectMany(p => new[] { p * 4 + 1, p * 4 + 3 }), plan.Kept(2));
    }

    /// <summary>The oracle: zero every Conv2D and Dense weight that reads a channel the plan removes.</summary>
    private static void MaskRemovedChannels(Network network, ChannelPlan plan)
    {
        foreach (var node in network.Nodes.Skip(1))
        {
            var kernel = node.Layer switch
            {
                Conv2D conv => conv.Weights,
                Dense dense => dense.Weights,
                _ => null,
            };
            if (kernel is null || plan.Kept(node.Inputs[0]) is not { } kept)
            {
                continue;
            }

            var inputs = kernel.Shape[^1];
            for (var i = 0; i < kernel.Length; i++)
            {
                if (!kept.Contains(i % inputs))
                {
                    kernel.Value[i] = 0f;
                }
            }
        }
    }
}
