using Mote.Data;

namespace Mote.Train.Tests;

/// <summary>
/// Compares a network's analytic gradients with central finite differences of the scalar L = Σ output · g for a
/// fixed random g: every parameter element and every input element, on tiny shapes. Each forward pass gets a fresh
/// generator with the same seed, so dropout masks repeat between the perturbed evaluations.
/// </summary>
internal static class GradientCheck
{
    private const float Step = 1e-3f;

    public static void Run(Func<NetworkBuilder, NodeRef, NodeRef> build, int[] inputShape, int batch = 2, float inputScale = 1f, double tolerance = 1e-2)
    {
        var builder = new NetworkBuilder(inputShape, seed: 3);
        var network = builder.Build(build(builder, builder.Input));
        var random = new SeededRandom(11);
        var input = Random(batch * network.InputSize, random, inputScale);
        var weights = Random(batch * network.OutputSize, random, 1f);
        foreach (var parameter in network.Parameters.Where(p => p.Trainable))
        {
            // Non-zero biases and γ ≠ 1 exercise the general case.
            for (var i = 0; i < parameter.Length; i++)
            {
                parameter.Value[i] += 0.1f * (2 * random.NextSingle() - 1);
            }
        }

        double Loss()
        {
            var output = network.Forward(input, Context(batch));
            var sum = 0.0;
            for (var i = 0; i < weights.Length; i++)
            {
                sum += (double)output[i] * weights[i];
            }

            return sum;
        }

        Loss();
        network.ZeroGradients();
        var inputGradient = (float[])network.Backward(weights, Context(batch), inputGradient: true)!.Clone();
        var checkedAny = false;
        foreach (var parameter in network.Parameters.Where(p => p.Trainable))
        {
            Compare(parameter.Name, parameter.Value, parameter.Gradient, Loss, tolerance);
            checkedAny = true;
        }

        Compare("input", input, inputGradient, Loss, tolerance);
        Assert.True(checkedAny || network.Parameters.Count == 0);
    }

    private static LayerContext Context(int batch) => new(batch, Training: true, new SeededRandom(5));

    private static void Compare(string name, float[] values, float[] analytic, Func<double> loss, double tolerance)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var saved = values[i];
            values[i] = saved + Step;
            var plus = loss();
            values[i] = saved - Step;
            var minus = loss();
            values[i] = saved;
            var numeric = (plus - minus) / (2 * Step);
            var error = Math.Abs(numeric - analytic[i]);
            Assert.True(error <= tolerance * Math.Max(1, Math.Abs(numeric)), $"{name}[{i}]: analytic {analytic[i]}, numeric {numeric}");
        }
    }

    private static float[] Random(int length, SeededRandom random, float scale)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = scale * (2 * random.NextSingle() - 1);
        }

        return values;
    }
}
