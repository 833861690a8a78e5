using BenchmarkDotNet.Attributes;
using Mote.Data;
using Mote.Train;
using Mote.Train.Losses;
using Mote.Train.Optimizers;

namespace Mote.Benchmarks;

/// <summary>
/// One training step (forward, cross-entropy, backward, Adam update) of the DS-CNN keyword-spotting network on a
/// batch of 100 random 49×10 MFCC-sized inputs; items per second = 100 / the mean time.
/// </summary>
[MedianColumn]
public class TrainingThroughput
{
    private const int BatchSize = 100;
    private Network _network = null!;
    private TrainingBatch _batch = null!;
    private float[] _gradient = null!;
    private readonly CrossEntropy _loss = new();
    private readonly Adam _optimizer = new();
    private readonly SeededRandom _random = new(1);

    [GlobalSetup]
    public void Setup()
    {
        _network = Architectures.DsCnn([49, 10, 1], classes: 12);
        var inputs = new float[BatchSize * 490];
        var labels = new int[BatchSize];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = _random.NextGaussian();
        }

        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = _random.NextInt32(12);
        }

        var data = new Dataset(inputs, [49, 10, 1], labels);
        _batch = new TrainingBatch(data, BatchSize);
        _batch.Fill(data, Enumerable.Range(0, BatchSize).ToArray());
        _gradient = new float[BatchSize * 12];
    }

    [Benchmark]
    public float DsCnnStep()
    {
        var context = new LayerContext(BatchSize, Training: true, _random);
        var output = _network.Forward(_batch.Inputs, context);
        var loss = _loss.Compute(output.AsSpan(0, BatchSize * 12), 12, _batch, _gradient);
        _network.ZeroGradients();
        _network.Backward(_gradient, context);
        _optimizer.Step(_network.Parameters, 1e-3f);
        return loss;
    }
}
