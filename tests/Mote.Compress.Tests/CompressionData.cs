using Mote.Data;
using Mote.Train;

namespace Mote.Compress.Tests;

/// <summary>Small seeded problems and networks for the pruning and distillation tests.</summary>
internal static class CompressionData
{
    /// <summary>8×8×2 items whose class (of 3) decides which quadrant is bright, with Gaussian noise.</summary>
    public static Dataset Quadrants(int count, ulong seed)
    {
        var random = new SeededRandom(seed);
        var inputs = new float[count * 128];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var label = random.NextInt32(3);
            labels[i] = label;
            for (var y = 0; y < 8; y++)
            {
                for (var x = 0; x < 8; x++)
                {
                    var quadrant = (y / 4 * 2) + (x / 4);
                    for (var c = 0; c < 2; c++)
                    {
                        inputs[i * 128 + (y * 8 + x) * 2 + c] = (quadrant == label ? 1f : 0f) + 0.5f * random.NextGaussian();
                    }
                }
            }
        }

        return new Dataset(inputs, [8, 8, 2], labels);
    }

    /// <summary>
    /// Every wiring channel pruning handles: conv→BN→ReLU, a depthwise-separable block, a residual Add whose two
    /// branches must keep one channel set, a depthwise multiplier, max pooling, flatten into Dense, and Dense→Dense.
    /// </summary>
    public static Network Residual(ulong seed)
    {
        var b = new NetworkBuilder([8, 8, 2], seed);
        var x = b.ReLU(b.BatchNorm(b.Conv2D(b.Input, 8, 3, useBias: false)));
        var y = b.ReLU(b.BatchNorm(b.DepthwiseConv2D(x, 3, useBias: false)));
        y = b.BatchNorm(b.Conv2D(y, 8, 1));
        x = b.ReLU(b.Add(x, y));
        x = b.DepthwiseConv2D(x, 3, stride: 2, multiplier: 2);
        x = b.MaxPool2D(b.ReLU(b.Conv2D(x, 6, 1)), 2);
        x = b.ReLU(b.Dense(b.Flatten(x), 10));
        return b.Build(b.Dense(x, 3));
    }

    /// <summary>Gives every BatchNorm running statistics and γ away from their initial values, so inference exercises them.</summary>
    public static void RandomizeNormalization(Network network, ulong seed)
    {
        var random = new SeededRandom(seed);
        foreach (var layer in network.Nodes.Select(n => n.Layer).OfType<Mote.Train.Layers.BatchNorm>())
        {
            for (var c = 0; c < layer.Gamma.Length; c++)
            {
                layer.Gamma.Value[c] = 0.5f + random.NextSingle();
                layer.Beta.Value[c] = random.NextGaussian() * 0.1f;
                layer.RunningMean.Value[c] = random.NextGaussian() * 0.2f;
                layer.RunningVariance.Value[c] = 0.5f + random.NextSingle();
            }
        }
    }

    public static float[] Infer(Network network, Dataset data) =>
        network.Forward(data.Inputs, new LayerContext(data.Count, Training: false, new SeededRandom(0)))[..(data.Count * network.OutputSize)];
}
