using Mote.Data;

namespace Mote.Data.Tests;

/// <summary>The real Fashion-MNIST files from Debian's dataset-fashion-mnist package (installed by .ci/run).</summary>
public sealed class FashionMnistFileTests
{
    public const string Folder = "/usr/share/datasets/fashion-mnist";

    [Fact]
    public void The_test_set_loads_with_its_documented_shape_and_labels()
    {
        Assert.True(Directory.Exists(Folder), $"{Folder} is missing: apt-get install dataset-fashion-mnist");
        var test = LabeledImages.LoadMnistFolder(Folder, "t10k");
        Assert.Equal(10000, test.Count);
        Assert.Equal((28, 28, 1), (test.Height, test.Width, test.Channels));
        Assert.Equal(10000 * 784, test.Pixels.Length);
        Assert.All(test.Labels.GroupBy(l => l), g => Assert.Equal(1000, g.Count()));
        Assert.Equal(9, test.Labels[0]);
        Assert.InRange(test.Pixels.Max(), 0.99f, 1f);
    }

    [Fact]
    public void Mismatched_images_and_labels_are_reported()
    {
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            var images = Path.Combine(directory.FullName, "images");
            var labels = Path.Combine(directory.FullName, "labels");
            File.WriteAllBytes(images, IdxReaderTests.Idx(0x08, [2, 1, 1], [0, 255]));
            File.WriteAllBytes(labels, IdxReaderTests.Idx(0x08, [3], [0, 1, 2]));
            var error = Assert.Throws<InvalidDataFileException>(() => LabeledImages.LoadIdx(images, labels));
            Assert.Equal(labels, error.Path);
            Assert.Contains("expected 2 labels", error.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
