using Mote.Data.Idx;

namespace Mote.Data.Tests.Idx;

/// <summary>Images read a block at a time are the floats <see cref="LabeledImages"/> loads, and bad files are named.</summary>
public sealed class StreamedImagesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mote-streamedimages-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    [InlineData(true, 10)]
    public void Blocks_hold_the_pixels_the_whole_file_loads_to(bool gzip, int imagesPerBlock)
    {
        var pixels = Enumerable.Range(0, 5 * 6).Select(i => (byte)(i * 37)).ToArray();
        Write("train-images-idx3-ubyte", IdxReaderTests.Idx(0x08, [5, 2, 3], pixels), gzip);
        Write("train-labels-idx1-ubyte", IdxReaderTests.Idx(0x08, [5], [4, 3, 2, 1, 0]), gzip);

        var loaded = LabeledImages.LoadMnistFolder(_folder, "train");
        var streamed = StreamedImages.OpenMnistFolder(_folder, "train");

        Assert.Equal((5, 2, 3), (streamed.Count, streamed.Height, streamed.Width));
        Assert.Equal(loaded.Labels, streamed.Labels);
        Assert.Equal(5L * 6 * sizeof(float), streamed.PixelBytes);
        var blocks = streamed.PixelBlocks(imagesPerBlock).ToList();
        Assert.Equal((5 + imagesPerBlock - 1) / imagesPerBlock, blocks.Count);
        Assert.Equal(loaded.Pixels, blocks.SelectMany(b => b));
    }

    [Fact]
    public void A_truncated_image_file_is_reported_when_its_end_is_read()
    {
        Write("train-images-idx3-ubyte", IdxReaderTests.Idx(0x08, [3, 2, 2], new byte[10]), gzip: false);
        Write("train-labels-idx1-ubyte", IdxReaderTests.Idx(0x08, [3], [0, 1, 2]), gzip: false);

        var streamed = StreamedImages.OpenMnistFolder(_folder, "train");
        var error = Assert.Throws<InvalidDataFileException>(() => streamed.PixelBlocks(2).ToList());

        Assert.EndsWith("train-images-idx3-ubyte", error.Path);
        Assert.Contains("file holds 10 data bytes but its dimensions call for 12", error.Message);
    }

    [Fact]
    public void Labels_that_do_not_match_the_images_are_reported()
    {
        Write("t10k-images-idx3-ubyte", IdxReaderTests.Idx(0x08, [2, 1, 1], [0, 255]), gzip: false);
        Write("t10k-labels-idx1-ubyte", IdxReaderTests.Idx(0x08, [3], [0, 1, 2]), gzip: false);

        var error = Assert.Throws<InvalidDataFileException>(() => StreamedImages.OpenMnistFolder(_folder, "t10k"));

        Assert.Contains("expected 2 labels", error.Message);
    }

    private void Write(string name, byte[] bytes, bool gzip) =>
        File.WriteAllBytes(Path.Combine(_folder, gzip ? name + ".gz" : name), gzip ? IdxReaderTests.Gzip(bytes) : bytes);
}
