using Mote.Data;
using Mote.Train.Losses;
using Mote.Train.Optimizers;
using Mote.Train.Training;

namespace Mote.Train.Tests;

/// <summary>
/// Trains on real data: Fashion-MNIST from Debian's dataset-fashion-mnist package (installed by .ci/run). A subset
/// and an MLP keep it to seconds; the threshold is still a real one (a linear model gets about 0.84 on the full set).
/// </summary>
public sealed class FashionMnistTrainingTests
{
    private const string Folder = "/usr/share/datasets/fashion-mnist";

    [Fact]
    public void An_mlp_trained_on_a_subset_classifies_the_full_test_set()
    {
        Assert.True(Directory.Exists(Folder), $"{Folder} is missing: apt-get install dataset-fashion-mnist");
        var all = LabeledImages.LoadMnistFolder(Folder, "train");
        var split = DataSplit.Create(all.Count, validationFraction: 0.05, testFraction: 0, seed: 1);
        var train = Dataset.FromImages(all.Select(split.Train.AsSpan(0, 12000)));
        var validation = Dataset.FromImages(all.Select(split.Validation));
        var test = Dataset.FromImages(LabeledImages.LoadMnistFolder(Folder, "t10k"));

        var builder = new NetworkBuilder([28, 28, 1], seed: 1);
        var x = builder.ReLU(builder.Dense(builder.Flatten(builder.Input), 128));
        var network = builder.Build(builder.Dense(x, 10));
        var options = new TrainingOptions { Epochs = 4, BatchSize = 64, Schedule = new CosineSchedule(2e-3f) };
        var trainer = new Trainer(network, new CrossEntropy(), new Adam(), options);
        var result = trainer.Fit(train, validation);

        var accuracy = trainer.Evaluate(test).Accuracy!.Value;
        Assert.True(accuracy >= 0.80f, $"test accuracy {accuracy:F4} after {result.Epochs.Count} epochs");
        Assert.True(result.Epochs[^1].ValidationAccuracy >= 0.80f);
    }
}
