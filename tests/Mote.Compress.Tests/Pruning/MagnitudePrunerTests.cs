using Mote.Compress.Pruning;
using Mote.Train;
using Mote.Train.Layers;
using Mote.Train.Losses;
using Mote.Train.Optimizers;
using Mote.Train.Training;

namespace Mote.Compress.Tests.Pruning;

public sealed class MagnitudePrunerTests
{
    [Fact]
    public void PolynomialScheduleRisesFastThenSlowlyToTheFinalSparsity()
    {
        var schedule = new PolynomialSparsitySchedule(0.8, beginStep: 10, endStep: 110, frequency: 10);

        Assert.Equal(0, schedule.At(5));
        Assert.Equal(0.8 - 0.8 * 0.125, schedule.At(60), 12);
        Assert.Equal(0.8, schedule.At(110));
        Assert.Equal(0.8, schedule.At(1000));
        Assert.True(schedule.At(20) - schedule.At(10) > schedule.At(110) - schedule.At(100));
        Assert.True(schedule.UpdatesAt(30));
        Assert.False(schedule.UpdatesAt(35));
        Assert.False(schedule.UpdatesAt(120));
    }

    [Fact]
    public void PrunesTheSmallestWeightsOfEachKernel()
    {
        var b = new NetworkBuilder([4], seed: 1);
        var network = b.Build(b.Dense(b.Input, 2));
        var dense = (Dense)network.Nodes[1].Layer!;
        new float[] { 0.5f, -0.1f, 0.3f, -0.8f, 0.05f, 0.2f, -0.6f, 0.4f }.CopyTo(dense.Weights.Value, 0);

        new MagnitudePruner(network, new PolynomialSparsitySchedule(0.5, 0, 0, 1)).Prune(0.5);

        Assert.Equal([0.5f, 0f, 0f, -0.8f, 0f, 0f, -0.6f, 0.4f], dense.Weights.Value);
    }

    [Fact]
    public void FineTuningReachesTheFinalSparsityAndPrunedWeightsStayZero()
    {
        var data = CompressionData.Quadrants(256, seed: 1);
        var network = CompressionData.Residual(seed: 2);
        var schedule = new PolynomialSparsitySchedule(0.6, beginStep: 0, endStep: 24, frequency: 4);
        var pruner = new MagnitudePruner(network, schedule);
        var kernels = network.Nodes.Select(n => n.Layer).OfType<Conv2D>().Select(c => c.Weights)
            .Concat(network.Nodes.Select(n => n.Layer).OfType<Dense>().Select(d => d.Weights)).ToArray();
        bool[][]? prunedEarly = null;
        var options = new TrainingOptions
        {
            Epochs = 4,
            BatchSize = 32,
            AfterStep = step =>
            {
                pruner.Step(step);
                if (step == 12)
                {
                    prunedEarly = [.. kernels.Select(k => k.Value.Select(v => v == 0f).ToArray())];
                }
            },
        };

        new Trainer(network, new CrossEntropy(), new Adam(), options).Fit(data);

        Assert.Equal(0.6, pruner.Sparsity, 2);
        foreach (var kernel in kernels)
        {
            Assert.Equal(0.6, kernel.Value.Count(v => v == 0f) / (double)kernel.Length, 1);
        }

        // The mask only grows: what was pruned halfway is still zero at the end.
        for (var k = 0; k < kernels.Length; k++)
        {
            for (var i = 0; i < kernels[k].Length; i++)
            {
                Assert.True(!prunedEarly![k][i] || kernels[k].Value[i] == 0f, $"{kernels[k].Name}[{i}] came back");
            }
        }
    }
}
