using Mote.Data.Idx;

namespace Mote.Data;

/// <summary>
/// Images with class labels, pixels as floats in [0, 1] laid out NHWC (count × height × width × channels), as the
/// trainer consumes them.
/// </summary>
public sealed record LabeledImages(float[] Pixels, int[] Labels, int Height, int Width, int Channels)
{
    public int Count => Labels.Length;

    /// <summary>
    /// Loads an IDX image file (count × height × width, uint8) and its IDX label file, as in MNIST and Fashion-MNIST.
    /// </summary>
    public static LabeledImages LoadIdx(string imagesPath, string labelsPath)
    {
        var images = IdxReader.Read(imagesPath);
        CheckImages(imagesPath, images.Type, images.Dimensions);
        var labels = ReadLabels(labelsPath, images.Dimensions[0], imagesPath);
        return new LabeledImages(images.ToSingles(PixelScale), labels, images.Dimensions[1], images.Dimensions[2], 1);
    }

    /// <summary>Pixels are bytes; the trainer sees them scaled to [0, 1].</summary>
    internal const float PixelScale = 1f / 255f;

    internal static void CheckImages(string imagesPath, IdxElementType type, int[] dimensions)
    {
        if (type != IdxElementType.UInt8 || dimensions.Length != 3)
        {
            throw new InvalidDataFileException(imagesPath, $"expected uint8 images of rank 3 (count, height, width), found {type} of rank {dimensions.Length}");
        }
    }

    internal static int[] ReadLabels(string labelsPath, int imageCount, string imagesPath)
    {
        var labels = IdxReader.Read(labelsPath);
        if (labels.Dimensions.Length != 1 || labels.Dimensions[0] != imageCount)
        {
            throw new InvalidDataFileException(labelsPath, $"expected {imageCount} labels (one per image in {imagesPath}), found dimensions [{string.Join(", ", labels.Dimensions)}]");
        }

        return labels.ToInt32s();
    }

    /// <summary>
    /// Loads the standard MNIST-style pair from a folder: <c>{prefix}-images-idx3-ubyte[.gz]</c> and
    /// <c>{prefix}-labels-idx1-ubyte[.gz]</c>, with prefix "train" or "t10k".
    /// </summary>
    public static LabeledImages LoadMnistFolder(string directory, string prefix) =>
        LoadIdx(Find(directory, $"{prefix}-images-idx3-ubyte"), Find(directory, $"{prefix}-labels-idx1-ubyte"));

    /// <summary>Only the items at <paramref name="indices"/>, in that order.</summary>
    public LabeledImages Select(ReadOnlySpan<int> indices)
    {
        var size = Height * Width * Channels;
        var pixels = new float[indices.Length * size];
        var labels = new int[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            Pixels.AsSpan(indices[i] * size, size).CopyTo(pixels.AsSpan(i * size));
            labels[i] = Labels[indices[i]];
        }

        return this with { Pixels = pixels, Labels = labels };
    }

    internal static string Find(string directory, string stem)
    {
        foreach (var candidate in new[] { stem + ".gz", stem })
        {
            var path = System.IO.Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidDataFileException(System.IO.Path.Combine(directory, stem), "not found (neither plain nor .gz)");
    }
}
