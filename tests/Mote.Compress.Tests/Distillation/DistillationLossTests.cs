using Mote.Compress.Distillation;
using Mote.Data;
using Mote.Train;
using Mote.Train.Losses;

namespace Mote.Compress.Tests.Distillation;

public sealed class DistillationLossTests
{
    private const int Classes = 5;
    private const int Items = 3;

    [Theory]
    [InlineData(1f, 0.5f)]
    [InlineData(4f, 0.9f)]
    [InlineData(10f, 1f)]
    public void GradientMatchesFiniteDifferences(float temperature, float alpha)
    {
        var (logits, batch) = Batch(seed: 7);
        var loss = new DistillationLoss(temperature, alpha);
        var gradient = new float[logits.Length];
        loss.Compute(logits, Classes, batch, gradient);

        const double h = 1e-2;
        for (var i = 0; i < logits.Length; i++)
        {
            var plus = (float[])logits.Clone();
            var minus = (float[])logits.Clone();
            plus[i] += (float)h;
            minus[i] -= (float)h;
            var numeric = (loss.Compute(plus, Classes, batch, new float[logits.Length]) - loss.Compute(minus, Classes, batch, new float[logits.Length])) / (2 * h);
            Assert.Equal(numeric, gradient[i], 2e-3 * (1 + Math.Abs(numeric)));
        }
    }

    [Fact]
    public void WithoutSoftTargetsItIsCrossEntropy()
    {
        var (logits, batch) = Batch(seed: 8);
        var distilled = new float[logits.Length];
        var plain = new float[logits.Length];

        var value = new DistillationLoss(temperature: 3, alpha: 0).Compute(logits, Classes, batch, distilled);

        Assert.Equal(new CrossEntropy().Compute(logits, Classes, batch, plain), value, 5);
        for (var i = 0; i < logits.Length; i++)
        {
            Assert.Equal(plain[i], distilled[i], 6);
        }
    }

    [Fact]
    public void SoftTermVanishesWhenTheStudentMatchesTheTeacher()
    {
        var (logits, batch) = Batch(seed: 9);
        logits.CopyTo(batch.Targets, 0);
        var gradient = new float[logits.Length];

        Assert.Equal(0f, new DistillationLoss(temperature: 2, alpha: 1).Compute(logits, Classes, batch, gradient), 6);
        Assert.All(gradient, g => Assert.Equal(0f, g, 6));
    }

    [Fact]
    public void RefusesDataWithoutTeacherLogits()
    {
        var data = new Dataset(new float[Items * 2], [2], [0, 1, 2]);

        Assert.Throws<ArgumentException>(() => new DistillationLoss(2, 0.5f).CheckData(data, Classes));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistillationLoss(0, 0.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistillationLoss(2, 1.5f));
    }

    /// <summary>Random student logits, and a batch with labels and random teacher logits as targets.</summary>
    private static (float[] Logits, TrainingBatch Batch) Batch(ulong seed)
    {
        var random = new SeededRandom(seed);
        float[] Gaussians(int n) => [.. Enumerable.Range(0, n).Select(_ => 2 * random.NextGaussian())];
        var data = new Dataset(new float[Items], [1], [.. Enumerable.Range(0, Items).Select(_ => random.NextInt32(Classes))], Gaussians(Items * Classes));
        var batch = new TrainingBatch(data, Items);
        batch.Fill(data, [0, 1, 2]);
        return (Gaussians(Items * Classes), batch);
    }
}
