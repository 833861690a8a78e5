using Mote.Data.Augmentation;
using Mote.Train.Losses;
using Mote.Train.Optimizers;
using Mote.Train.Training;

namespace Mote.Train.Tests;

public sealed class TrainingTests
{
    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    [InlineData("adamw")]
    public void Each_optimizer_learns_the_bars(string optimizer)
    {
        var network = TinyData.Cnn(seed: 1);
        var trainer = new Trainer(network, new CrossEntropy(), Optimizer(optimizer), new TrainingOptions { Epochs = 4, BatchSize = 16, Schedule = new ConstantSchedule(optimizer == "sgd" ? 0.05f : 3e-3f) });
        var result = trainer.Fit(TinyData.Bars(600, seed: 2));
        var test = trainer.Evaluate(TinyData.Bars(300, seed: 3));
        Assert.True(result.Epochs[^1].TrainLoss < result.Epochs[0].TrainLoss, $"loss went {result.Epochs[0].TrainLoss} → {result.Epochs[^1].TrainLoss}");
        Assert.True(test.Accuracy >= 0.9f, $"held-out accuracy {test.Accuracy}");
    }

    [Fact]
    public void The_same_seed_gives_bit_identical_weights()
    {
        var first = Train(seed: 5);
        var second = Train(seed: 5);
        var other = Train(seed: 6);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);

        static float[] Train(ulong seed)
        {
            var network = TinyData.Cnn(seed);
            var options = new TrainingOptions { Epochs = 2, BatchSize = 32, Seed = seed, ClipNorm = 1f, Schedule = new CosineSchedule(3e-3f) };
            new Trainer(network, new CrossEntropy(0.1f), new AdamW(), options).Fit(TinyData.Bars(400, seed: 2));
            return [.. network.Parameters.SelectMany(p => p.Value)];
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_resumed_run_matches_an_uninterrupted_one_bit_for_bit(bool augmented)
    {
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            var data = TinyData.Bars(300, seed: 2);
            var validation = TinyData.Bars(100, seed: 4);
            var options = new TrainingOptions { Epochs = 3, BatchSize = 32, Seed = 9, Schedule = new StepSchedule(0.05f, everyEpochs: 2), EarlyStoppingPatience = 5, Augmentation = augmented ? new ImageAugmentation(1, HorizontalFlip: true) : null };

            var straight = TinyData.Cnn(seed: 1);
            new Trainer(straight, new CrossEntropy(), new Sgd(weightDecay: 1e-4f), options).Fit(data, validation);

            var checkpoint = Path.Combine(directory.FullName, "run.ckpt");
            var interrupted = TinyData.Cnn(seed: 1);
            var beforeInterruption = new Trainer(interrupted, new CrossEntropy(), new Sgd(weightDecay: 1e-4f), options with { Epochs = 2, CheckpointPath = checkpoint }).Fit(data, validation);

            var resumed = TinyData.Cnn(seed: 77);
            var trainer = new Trainer(resumed, new CrossEntropy(), new Sgd(weightDecay: 1e-4f), options with { CheckpointPath = checkpoint });
            trainer.Resume(checkpoint);
            Assert.Equal(2, trainer.State.EpochsDone);
            Assert.Equal(beforeInterruption.Epochs, trainer.State.History);
            var result = trainer.Fit(data, validation);
            Assert.Equal([2], result.Epochs.Select(e => e.Epoch));
            Assert.Equal(straight.Parameters.SelectMany(p => p.Value), resumed.Parameters.SelectMany(p => p.Value));
            Assert.Equal(["run.ckpt"], directory.GetFiles().Select(f => f.Name));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_checkpoint_for_another_network_is_refused()
    {
        var path = Path.GetTempFileName();
        try
        {
            Checkpoint.Save(path, TinyData.Cnn(seed: 1), new Adam(), TrainingState.Start(1));
            var builder = new NetworkBuilder([8, 8, 1], 1);
            var other = builder.Build(builder.Dense(builder.Flatten(builder.Input), 3));
            var error = Assert.Throws<Mote.Data.InvalidDataFileException>(() => Checkpoint.Load(path, other, new Adam()));
            Assert.Contains("parameters", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Early_stopping_ends_the_run_when_validation_stops_improving()
    {
        // A learning rate of zero never improves on the first epoch's validation loss.
        var options = new TrainingOptions { Epochs = 10, BatchSize = 50, Schedule = new ConstantSchedule(0f), EarlyStoppingPatience = 2 };
        var result = new Trainer(TinyData.Cnn(seed: 1), new CrossEntropy(), new Sgd(), options).Fit(TinyData.Bars(100, seed: 2), TinyData.Bars(50, seed: 3));
        Assert.True(result.StoppedEarly);
        Assert.Equal(3, result.Epochs.Count);
        Assert.Equal(0, result.BestEpoch);
    }

    [Fact]
    public void The_dense_autoencoder_learns_to_reconstruct_with_mse()
    {
        var random = new Mote.Data.SeededRandom(1);
        var inputs = new float[400 * 16];
        for (var i = 0; i < 400; i++)
        {
            // Points on a 2-D subspace of 16 dimensions: compressible through a small bottleneck.
            var (u, v) = (random.NextGaussian(), random.NextGaussian());
            for (var d = 0; d < 16; d++)
            {
                inputs[i * 16 + d] = u * MathF.Sin(d) + v * MathF.Cos(d * 0.5f);
            }
        }

        var network = Architectures.DenseAutoencoder(16, hidden: 32, bottleneck: 4, depth: 1);
        var trainer = new Trainer(network, new MeanSquaredError(), new Adam(), new TrainingOptions { Epochs = 15, BatchSize = 20, Schedule = new ConstantSchedule(3e-3f) });
        var result = trainer.Fit(Dataset.Autoencoder(inputs, [16]));
        Assert.True(result.Epochs[^1].TrainLoss < 0.25f * result.Epochs[0].TrainLoss, $"loss went {result.Epochs[0].TrainLoss} → {result.Epochs[^1].TrainLoss}");
        Assert.Null(result.Epochs[0].TrainAccuracy);
    }

    [Fact]
    public void Data_that_does_not_fit_the_loss_is_refused_before_training()
    {
        var trainer = new Trainer(TinyData.Cnn(seed: 1), new CrossEntropy(), new Sgd(), new TrainingOptions());
        var unlabelled = new Dataset(new float[64 * 2], [8, 8, 1]);
        Assert.Contains("labels", Assert.Throws<ArgumentException>(() => trainer.Fit(unlabelled)).Message);
        var outOfRange = new Dataset(new float[64 * 2], [8, 8, 1], labels: [0, 3]);
        Assert.Contains("label 3", Assert.Throws<ArgumentException>(() => trainer.Fit(outOfRange)).Message);
        var regression = new Trainer(TinyData.Cnn(seed: 1), new MeanSquaredError(), new Sgd(), new TrainingOptions());
        Assert.Contains("target values", Assert.Throws<ArgumentException>(() => regression.Fit(unlabelled)).Message);
    }

    [Fact]
    public void Schedules_follow_their_formulas()
    {
        var cosine = new CosineSchedule(1f, minimum: 0.1f);
        Assert.Equal(1f, cosine.At(0, 10));
        Assert.Equal(0.55f, cosine.At(5, 10), 5);
        Assert.Equal(0.1f, cosine.At(10, 10), 5);
        Assert.Equal(0.5f, new CosineSchedule(1f, warmupEpochs: 2).At(0.999, 10), 2);
        var step = new StepSchedule(1f, everyEpochs: 3, factor: 0.5f);
        Assert.Equal(1f, step.At(2.9, 10));
        Assert.Equal(0.25f, step.At(6, 10));
    }

    private static Optimizer Optimizer(string name) => name switch
    {
        "sgd" => new Sgd(momentum: 0.9f),
        "adam" => new Adam(),
        _ => new AdamW(weightDecay: 1e-2f),
    };
}
