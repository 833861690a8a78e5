using Mote.Data;
using Mote.Graph;
using Mote.Train;
using Mote.Train.Export;
using Mote.Train.Losses;
using Mote.Train.Optimizers;
using Mote.Train.Training;

namespace Mote.Compress.Tests;

/// <summary>
/// A small CNN (Conv+BN+ReLU, max pool, twice, then Dense layers and a softmax) trained once per test run on a
/// Fashion-MNIST subset with fixed seeds, exported to a float32 model. Held-out images come from the t10k set.
/// </summary>
public sealed class TrainedFashionMnist
{
    private const string Folder = "/usr/share/datasets/fashion-mnist";

    public TrainedFashionMnist()
    {
        Assert.True(Directory.Exists(Folder), $"{Folder} is missing: apt-get install dataset-fashion-mnist");
        var all = LabeledImages.LoadMnistFolder(Folder, "train");
        var split = DataSplit.Create(all.Count, validationFraction: 0, testFraction: 0, seed: 1);
        var train = Dataset.FromImages(all.Select(split.Train.AsSpan(0, 6000)));
        Train = train;
        Calibration = all.Select(split.Train.AsSpan(6000, 200));
        Test = LabeledImages.LoadMnistFolder(Folder, "t10k").Select([.. Enumerable.Range(0, 2000)]);

        var network = Architectures.SmallCnn([28, 28, 1], classes: 10, filters: 8, hidden: 64, dropout: 0.1f, seed: 1);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 64, Schedule = new CosineSchedule(3e-3f) };
        new Trainer(network, new CrossEntropy(), new Adam(), options).Fit(train);
        FloatModel = ModelExporter.Export(network, new ExportOptions(AppendSoftmax: true));
    }

    public Model FloatModel { get; }

    /// <summary>The 6,000 training images the model was trained on.</summary>
    public Dataset Train { get; }

    public LabeledImages Calibration { get; }

    public LabeledImages Test { get; }

    /// <summary>The first 500 test images, for checks that need a working model rather than a precise accuracy.</summary>
    public LabeledImages FewTest => Test.Select([.. Enumerable.Range(0, 500)]);

    public IEnumerable<float[]> CalibrationSamples => Images(Calibration);

    public static IEnumerable<float[]> Images(LabeledImages images)
    {
        var size = images.Height * images.Width * images.Channels;
        for (var i = 0; i < images.Count; i++)
        {
            yield return images.Pixels.AsSpan(i * size, size).ToArray();
        }
    }
}
