using Mote.Train.Losses;
using Mote.Train.Optimizers;
using Mote.Train.Sources;
using Mote.Train.Training;

namespace Mote.Train.Tests.Sources;

/// <summary>
/// A data set streamed from a feature file on disk trains to the same weights, bit for bit, as the same items in
/// memory: the trainer's order, batches and augmentation do not depend on where the items live.
/// </summary>
public sealed class StreamedDatasetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mote-streamed-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_feature_file_returns_each_item_and_is_deleted_when_closed()
    {
        var data = TinyData.Bars(50, seed: 3);
        var path = Path.Combine(_folder, "items.f32");
        var item = new float[data.ItemSize];
        using (var file = FeatureFile.Create(path, data.ItemSize, data.Inputs.Chunk(7 * data.ItemSize)))
        {
            Assert.Equal(50, file.Count);
            Assert.Equal(50L * 64 * sizeof(float), new FileInfo(path).Length);
            foreach (var i in new[] { 49, 0, 17 })
            {
                file.Read(i, item);
                Assert.Equal(data.Inputs.AsSpan(i * data.ItemSize, data.ItemSize).ToArray(), item);
            }

            Assert.Throws<ArgumentOutOfRangeException>(() => file.Read(50, item));
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Training_on_a_streamed_split_gives_the_weights_of_the_same_split_in_memory()
    {
        var all = TinyData.Bars(300, seed: 2);
        var split = Mote.Data.DataSplit.Create(all.Count, 0.2, 0, seed: 4);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 32, Seed = 9, Augmentation = new Mote.Data.Augmentation.ImageAugmentation(1, HorizontalFlip: true) };

        var inMemory = TinyData.Cnn(seed: 1);
        var memoryResult = new Trainer(inMemory, new CrossEntropy(), new Adam(), options).Fit(all.Subset(split.Train), all.Subset(split.Validation));

        using var file = FeatureFile.Create(Path.Combine(_folder, "all.f32"), all.ItemSize, [all.Inputs]);
        var streamed = TinyData.Cnn(seed: 1);
        var trainer = new Trainer(streamed, new CrossEntropy(), new Adam(), options);
        var streamedResult = trainer.Fit(new StreamedDataset(file, [8, 8, 1], all.Labels!, split.Train), new StreamedDataset(file, [8, 8, 1], all.Labels!, split.Validation));

        Assert.Equal(inMemory.Parameters.SelectMany(p => p.Value), streamed.Parameters.SelectMany(p => p.Value));
        Assert.Equal(memoryResult.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss, e.ValidationAccuracy)), streamedResult.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss, e.ValidationAccuracy)));
        Assert.Equal(new Trainer(inMemory, new CrossEntropy(), new Adam(), options).Evaluate(all), trainer.Evaluate(new StreamedDataset(file, [8, 8, 1], all.Labels!, [.. Enumerable.Range(0, all.Count)])));
    }

    [Fact]
    public void A_streamed_label_outside_the_classes_is_refused_before_training()
    {
        var all = TinyData.Bars(20, seed: 2);
        using var file = FeatureFile.Create(Path.Combine(_folder, "all.f32"), all.ItemSize, [all.Inputs]);
        var labels = all.Labels!.ToArray();
        labels[5] = 7;

        var trainer = new Trainer(TinyData.Cnn(seed: 1), new CrossEntropy(), new Adam(), new TrainingOptions { Epochs = 1 });
        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(new StreamedDataset(file, [8, 8, 1], labels, [.. Enumerable.Range(0, 20)])));
        Assert.Contains("label 7", error.Message);
    }
}
