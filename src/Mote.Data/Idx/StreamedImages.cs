namespace Mote.Data.Idx;

/// <summary>
/// An MNIST-style image file and its labels, for data sets larger than memory: the labels (4 bytes an image) are
/// read at once, the pixels a block of images at a time, with the values <see cref="LabeledImages"/> would hold.
/// </summary>
public sealed class StreamedImages
{
    private StreamedImages(string imagesPath, int[] labels, int height, int width)
    {
        ImagesPath = imagesPath;
        Labels = labels;
        Height = height;
        Width = width;
    }

    public string ImagesPath { get; }

    public int[] Labels { get; }

    public int Count => Labels.Length;

    public int Height { get; }

    public int Width { get; }

    /// <summary>Memory the pixels would take as floats, had they been loaded.</summary>
    public long PixelBytes => (long)Count * Height * Width * sizeof(float);

    /// <summary>Opens <c>{prefix}-images-idx3-ubyte[.gz]</c> and reads <c>{prefix}-labels-idx1-ubyte[.gz]</c>, checking both.</summary>
    public static StreamedImages OpenMnistFolder(string directory, string prefix)
    {
        var imagesPath = LabeledImages.Find(directory, $"{prefix}-images-idx3-ubyte");
        var labelsPath = LabeledImages.Find(directory, $"{prefix}-labels-idx1-ubyte");
        using var payload = IdxReader.OpenPayload(imagesPath);
        LabeledImages.CheckImages(imagesPath, payload.Type, payload.Dimensions);
        var labels = LabeledImages.ReadLabels(labelsPath, payload.Dimensions[0], imagesPath);
        return new StreamedImages(imagesPath, labels, payload.Dimensions[1], payload.Dimensions[2]);
    }

    /// <summary>The pixels as [H, W, 1] float items, <paramref name="imagesPerBlock"/> images a block (the last may hold fewer).</summary>
    public IEnumerable<float[]> PixelBlocks(int imagesPerBlock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imagesPerBlock);
        using var payload = IdxReader.OpenPayload(ImagesPath);
        if (!payload.Dimensions.SequenceEqual([Count, Height, Width]))
        {
            throw new InvalidDataFileException(ImagesPath, $"changed while being read: dimensions [{string.Join(", ", payload.Dimensions)}], first [{Count}, {Height}, {Width}]");
        }

        var imageSize = Height * Width;
        var bytes = new byte[imagesPerBlock * imageSize];
        for (var start = 0; start < Count; start += imagesPerBlock)
        {
            var block = bytes.AsSpan(0, Math.Min(imagesPerBlock, Count - start) * imageSize);
            payload.ReadExactly(block);
            var pixels = new float[block.Length];
            for (var i = 0; i < pixels.Length; i++)
            {
                // As IdxArray.ToSingles computes it, so streamed and loaded pixels are the same floats.
                pixels[i] = (float)(block[i] * (double)LabeledImages.PixelScale);
            }

            yield return pixels;
        }

        payload.CheckEnd();
    }
}
