using Mote.Train.Losses;
using Mote.Train.Optimizers;

namespace Mote.Train.Tests;

public sealed class LossAndOptimizerTests
{
    [Fact]
    public void Cross_entropy_matches_the_formula_and_its_gradient_matches_finite_differences()
    {
        var data = new Dataset(new float[2], [1], labels: [2, 0]);
        var batch = new TrainingBatch(data, 2);
        batch.Fill(data, [0, 1]);
        float[] logits = [0.5f, -1f, 2f, 0.3f, 0.1f, -0.4f];
        var loss = new CrossEntropy(labelSmoothing: 0.1f);
        var gradient = new float[6];
        var value = loss.Compute(logits, 3, batch, gradient);

        double Expected(float[] z)
        {
            var total = 0.0;
            for (var i = 0; i < 2; i++)
            {
                var row = z.AsSpan(i * 3, 3).ToArray();
                var logSum = Math.Log(row.Sum(v => Math.Exp(v)));
                for (var c = 0; c < 3; c++)
                {
                    var target = (c == batch.Labels[i] ? 0.9 : 0) + 0.1 / 3;
                    total -= target * (row[c] - logSum);
                }
            }

            return total / 2;
        }

        Assert.Equal(Expected(logits), value, 5);
        for (var i = 0; i < logits.Length; i++)
        {
            var plus = (float[])logits.Clone();
            plus[i] += 1e-3f;
            var minus = (float[])logits.Clone();
            minus[i] -= 1e-3f;
            Assert.Equal((Expected(plus) - Expected(minus)) / 2e-3, gradient[i], 3);
        }
    }

    [Fact]
    public void Mean_squared_error_and_its_gradient()
    {
        var data = new Dataset([0f, 0f], [2], targets: [1f, 3f]);
        var batch = new TrainingBatch(data, 1);
        batch.Fill(data, [0]);
        var gradient = new float[2];
        Assert.Equal(2.5f, new MeanSquaredError().Compute([2f, 1f], 2, batch, gradient));
        Assert.Equal([1f, -2f], gradient);
    }

    [Fact]
    public void Sgd_with_momentum_and_decay_takes_the_textbook_steps()
    {
        var p = new Parameter("w", [1], decays: true);
        p.Value[0] = 1f;
        var sgd = new Sgd(momentum: 0.5f, weightDecay: 0.1f);
        p.Gradient[0] = 2f;
        sgd.Step([p], 0.1f);
        Assert.Equal(1f - 0.1f * 2.1f, p.Value[0], 6);
        p.Gradient[0] = 2f;
        sgd.Step([p], 0.1f);
        Assert.Equal(0.79f - 0.1f * (0.5f * 2.1f + 2f + 0.1f * 0.79f), p.Value[0], 6);
    }

    [Fact]
    public void Adam_first_step_moves_by_the_learning_rate_and_AdamW_decays_decoupled()
    {
        var p = new Parameter("w", [2], decays: true);
        p.Value[0] = 1f;
        p.Value[1] = -1f;
        p.Gradient[0] = 0.3f;
        p.Gradient[1] = -5f;
        new Adam().Step([p], 0.01f);
        Assert.Equal(0.99f, p.Value[0], 5);
        Assert.Equal(-0.99f, p.Value[1], 5);

        var q = new Parameter("w", [1], decays: true);
        q.Value[0] = 2f;
        new AdamW(weightDecay: 0.5f).Step([q], 0.1f);
        Assert.Equal(2f * (1 - 0.05f), q.Value[0], 5);

        var bias = new Parameter("b", [1]);
        bias.Value[0] = 2f;
        new AdamW(weightDecay: 0.5f).Step([bias], 0.1f);
        Assert.Equal(2f, bias.Value[0]);
    }
}
