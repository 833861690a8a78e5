using System.Runtime.InteropServices;
using System.Text.Json;
using Mote.Cli.Io;
using Mote.Data;
using Mote.Data.Simulation;
using Mote.Runtime;
using Mote.TfLite;
using Mote.Train;
using Mote.Train.Export;
using Mote.Train.Losses;
using Mote.Train.Optimizers;
using Mote.Train.Training;

namespace Mote.Cli.Tests.Anomaly;

/// <summary>A small vibration data set shared by the anomaly tests: 16 training machines, 6 validation, 4 test.</summary>
public sealed class SmallVibrationSet : IDisposable
{
    public SmallVibrationSet()
    {
        Root = Directory.CreateTempSubdirectory("mote-anomaly-").FullName;
        Data = Path.Combine(Root, "data");
        VibrationDataSet.Write(Data, new VibrationDataSetPlan
        {
            TrainingMachines = 16,
            TrainingWindowsPerMachine = 4,
            ValidationMachines = 6,
            ValidationWindowsPerMachine = 2,
            TestMachines = 4,
            TestHealthyWindowsPerMachine = 6,
            TestFaultWindowsPerMachine = 3,
        }, seed: 11);
    }

    public string Root { get; }

    public string Data { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

public sealed class AnomalyExampleTests(SmallVibrationSet set) : IClassFixture<SmallVibrationSet>
{
    [Fact]
    public void Train_then_eval_detects_held_out_faults_through_the_interpreter()
    {
        var spec = Path.Combine(set.Root, "autoencoder.json");
        File.WriteAllText(spec, """
            {
              "input": [86],
              "architecture": "dense_autoencoder",
              "options": { "hidden": 64, "bottleneck": 8, "depth": 2 },
              "training": { "loss": "mse", "optimizer": "adam", "learning_rate": 0.003, "schedule": "cosine", "batch_size": 16 }
            }
            """);
        var model = Path.Combine(set.Root, "model");

        var train = CliRun.Of("train", "--model", spec, "--data", set.Data, "--epochs", "60", "--out", model);
        Assert.True(train.ExitCode == 0, train.Error + train.Out);

        var eval = CliRun.Of("eval", Path.Combine(model, "model.tflite"), "--data", set.Data, "--anomaly", "--json");
        Assert.True(eval.ExitCode == 0, eval.Error);
        using var json = JsonDocument.Parse(eval.Out);
        var root = json.RootElement;
        Assert.True(root.GetProperty("roc_auc").GetDouble() >= 0.9, eval.Out);
        Assert.Equal(12, root.GetProperty("validation_windows").GetInt32());
        Assert.Equal(24 + 72, root.GetProperty("test_windows").GetInt32());
        var labels = root.GetProperty("labels").EnumerateArray().ToDictionary(l => l.GetProperty("label").GetString()!);
        Assert.Equal(7, labels.Count);
        Assert.Equal("healthy", root.GetProperty("labels")[0].GetProperty("label").GetString());
        Assert.True(labels["outer_race"].GetProperty("roc_auc").GetDouble() >= 0.95, eval.Out);

        var table = CliRun.Of("eval", Path.Combine(model, "model.tflite"), "--data", set.Data, "--anomaly");
        Assert.Contains("ROC AUC", table.Out);
        Assert.Contains("inner_race", table.Out);
    }

    [Fact]
    public void The_exported_autoencoder_reconstructs_like_the_trainer()
    {
        var data = VibrationCsvFolder.LoadForTraining(set.Data, 0.1, seed: 1);
        var features = data.Train.ItemSize;
        var network = Architectures.DenseAutoencoder(features, hidden: 32, bottleneck: 8, depth: 2, seed: 1);
        new Trainer(network, new MeanSquaredError(), new Adam(), new TrainingOptions { Epochs = 3, BatchSize = 16 }).Fit(data.Train);

        var model = TfLiteReader.Read(TfLiteWriter.Write(ModelExporter.Export(network)), "autoencoder.tflite");
        var interpreter = Interpreter.Create(model, "autoencoder.tflite");
        var validation = data.Validation!;
        for (var i = 0; i < validation.Count; i++)
        {
            var input = validation.Inputs.AsSpan(i * features, features).ToArray();
            var expected = network.Forward(input, new LayerContext(1, Training: false, new SeededRandom(0)));
            interpreter.SetInput(0, MemoryMarshal.AsBytes(input.AsSpan()));
            interpreter.Invoke();
            var actual = MemoryMarshal.Cast<byte, float>(interpreter.GetOutput(0)).ToArray();
            for (var j = 0; j < features; j++)
            {
                Assert.Equal(expected[j], actual[j], 1e-4f);
            }
        }
    }

    [Fact]
    public void Healthy_only_training_data_becomes_an_autoencoder_set_with_the_validation_machines()
    {
        var data = VibrationCsvFolder.LoadForTraining(set.Data, 0.1, seed: 1);

        Assert.Equal(64, data.Train.Count);
        Assert.Equal(12, data.Validation!.Count);
        Assert.Null(data.Train.Labels);
        Assert.Equal(data.Train.Inputs, data.Train.Targets);
        Assert.Equal(["healthy"], data.ClassNames);
    }

    [Theory]
    [InlineData("eval")]
    [InlineData("data", "synth-vibration")]
    public void Help_shows_an_example(params string[] command)
    {
        var run = CliRun.Of([.. command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Example:", run.Out);
        Assert.Contains($"mote {string.Join(' ', command)} ", run.Out);
    }

    [Fact]
    public void Bad_usage_and_bad_data_exit_with_code_two()
    {
        var noMode = CliRun.Of("eval", "model.tflite", "--data", set.Data);
        Assert.Equal(ExitCodes.BadInput, noMode.ExitCode);
        Assert.Contains("--anomaly", noMode.Error);

        var missingModel = CliRun.Of("eval", Path.Combine(set.Root, "none.tflite"), "--data", set.Data, "--anomaly");
        Assert.Equal(ExitCodes.BadInput, missingModel.ExitCode);
        Assert.Contains("none.tflite", missingModel.Error);

        // A model whose input is not this data set's feature vector.
        var mlp = Architectures.Mlp([10], [4], 10);
        var wrongModel = Path.Combine(set.Root, "mlp.tflite");
        TfLiteWriter.WriteFile(ModelExporter.Export(mlp), wrongModel);
        var wrong = CliRun.Of("eval", wrongModel, "--data", set.Data, "--anomaly");
        Assert.Equal(ExitCodes.BadInput, wrong.ExitCode);
        Assert.Contains("86 features", wrong.Error);

        var notData = CliRun.Of("eval", wrongModel, "--data", set.Root, "--anomaly");
        Assert.Equal(ExitCodes.BadInput, notData.ExitCode);
        Assert.Contains("manifest.json", notData.Error);

        var exists = CliRun.Of("data", "synth-vibration", "--out", set.Data);
        Assert.Equal(ExitCodes.BadInput, exists.ExitCode);
        Assert.Contains("not empty", exists.Error);
    }

    [Fact]
    public void A_damaged_window_is_reported_with_its_file_and_line()
    {
        var copy = Path.Combine(set.Root, "damaged");
        foreach (var file in Directory.GetFiles(set.Data, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(set.Data, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var victim = Directory.GetFiles(Path.Combine(copy, "train"), "*.csv").Order(StringComparer.Ordinal).First();
        var lines = File.ReadAllLines(victim);
        lines[5] = "0.1,nan,healthy";
        File.WriteAllLines(victim, lines);

        var train = CliRun.Of("train", "--model", Path.Combine(set.Root, "absent.json"), "--data", copy, "--out", Path.Combine(set.Root, "out"));
        Assert.Equal(ExitCodes.BadInput, train.ExitCode);

        var error = Assert.Throws<InvalidDataFileException>(() => VibrationCsvFolder.LoadForTraining(copy, 0.1, seed: 1));
        Assert.Equal($"{victim}:6", error.Path);
        Assert.Contains("not a finite number", error.Problem);
    }
}
