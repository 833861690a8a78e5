using System.Buffers.Binary;
using Mote.Data;

namespace Mote.Cli.Tests;

/// <summary>A tiny IDX data set for `mote train`-based tests: 8×8 images whose bright quadrant is the class (4 classes).</summary>
internal static class TinyIdxData
{
    /// <summary>Writes train (400 images) and t10k (100 images) files into <paramref name="folder"/> and returns it.</summary>
    public static string Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var random = new SeededRandom(1);
        foreach (var (prefix, count) in new[] { ("train", 400), ("t10k", 100) })
        {
            var labels = new byte[count];
            var pixels = new byte[count * 64];
            for (var i = 0; i < count; i++)
            {
                labels[i] = (byte)random.NextInt32(4);
                for (var p = 0; p < 64; p++)
                {
                    var bright = (p / 8 / 4 * 2) + (p % 8 / 4) == labels[i];
                    pixels[i * 64 + p] = (byte)Math.Clamp((bright ? 160 : 60) + (60 * random.NextGaussian()), 0, 255);
                }
            }

            WriteIdx(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"), 0x801, [count], labels);
            WriteIdx(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"), 0x803, [count, 8, 8], pixels);
        }

        return folder;
    }

    private static void WriteIdx(string path, int magic, int[] dims, byte[] values)
    {
        using var stream = File.Create(path);
        Span<byte> word = stackalloc byte[4];
        foreach (var value in new[] { magic }.Concat(dims))
        {
            BinaryPrimitives.WriteInt32BigEndian(word, value);
            stream.Write(word);
        }

        stream.Write(values);
    }
}
