using Mote.Data;

namespace Mote.Train.Tests;

/// <summary>Small synthetic problems for training tests: fast, seeded, and learnable.</summary>
internal static class TinyData
{
    /// <summary>8×8×1 images of a bright bar whose orientation (horizontal, vertical, diagonal) is the class, with noise.</summary>
    public static Dataset Bars(int count, ulong seed)
    {
        var random = new SeededRandom(seed);
        var pixels = new float[count * 64];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var label = random.NextInt32(3);
            var offset = random.NextInt32(6) + 1;
            labels[i] = label;
            for (var y = 0; y < 8; y++)
            {
                for (var x = 0; x < 8; x++)
                {
                    var on = label switch
                    {
                        0 => y == offset,
                        1 => x == offset,
                        _ => x - y == offset - 3,
                    };
                    pixels[i * 64 + y * 8 + x] = (on ? 1f : 0f) + 0.3f * random.NextGaussian();
                }
            }
        }

        return new Dataset(pixels, [8, 8, 1], labels);
    }

    /// <summary>A small CNN with every stochastic and stateful part: BatchNorm, dropout, pooling, a residual Add.</summary>
    public static Network Cnn(ulong seed)
    {
        var b = new NetworkBuilder([8, 8, 1], seed);
        var x = b.ReLU(b.BatchNorm(b.Conv2D(b.Input, 8, 3, useBias: false)));
        x = b.Add(x, b.ReLU(b.DepthwiseConv2D(x, 3)));
        x = b.MaxPool2D(x, 2);
        x = b.Dropout(b.Flatten(x), 0.2f);
        return b.Build(b.Dense(x, 3));
    }
}
