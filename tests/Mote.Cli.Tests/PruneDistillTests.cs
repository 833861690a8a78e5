using Mote.Data;
using Mote.Graph;
using Mote.TfLite;

namespace Mote.Cli.Tests;

/// <summary>`mote prune` and `mote distill` end to end on a tiny IDX data set: train, prune, distill, and bad usage.</summary>
public sealed class PruneDistillTests : IDisposable
{
    private const string Spec = """
        {
          "input": [8, 8, 1],
          "layers": [
            { "type": "conv2d", "filters": 8, "kernel": 3, "use_bias": false },
            { "type": "batch_norm" },
            { "type": "relu" },
            { "type": "conv2d", "filters": 8, "kernel": 3 },
            { "type": "relu" },
            { "type": "max_pool2d", "pool": 2 },
            { "type": "flatten" },
            { "type": "dense", "units": 4 }
          ],
          "training": { "optimizer": "adam", "learning_rate": 0.01, "batch_size": 16, "validation_fraction": 0.2 }
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("mote-prune-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Channel_pruning_shrinks_the_model_and_a_student_learns_from_the_teacher()
    {
        var (spec, data, run) = TrainedRun();

        var pruned = CliRun.Of("prune", run, "--model", spec, "--data", data, "--channels", "0.5", "--epochs", "1", "--out", Path.Combine(_folder, "pruned"));

        Assert.True(pruned.ExitCode == ExitCodes.Success, pruned.Error);
        Assert.Contains("accuracy (test)", pruned.Out);
        Assert.Contains("arena bytes", pruned.Out);
        long Macs(string path) => CostModel.TotalMacs(TfLiteReader.ReadFile(path).Main);
        var before = Macs(Path.Combine(run, "model.tflite"));
        var after = Macs(Path.Combine(_folder, "pruned", "model.tflite"));
        Assert.True(after < 0.6 * before, $"MACs {before} → {after}");

        var student = Path.Combine(_folder, "student.json");
        File.WriteAllText(student, """{ "input": [8, 8, 1], "architecture": "mlp", "classes": 4, "options": { "hidden": [8] }, "training": { "learning_rate": 0.01, "batch_size": 16 } }""");
        var distilled = CliRun.Of("distill", "--teacher", Path.Combine(run, "model.tflite"), "--student", student, "--data", data, "--epochs", "3", "--out", Path.Combine(_folder, "student"));

        Assert.True(distilled.ExitCode == ExitCodes.Success, distilled.Error);
        Assert.Contains("teacher", distilled.Out);
        Assert.True(File.Exists(Path.Combine(_folder, "student", "checkpoint.bin")));
        Assert.True(Macs(Path.Combine(_folder, "student", "model.tflite")) < before);
    }

    [Fact]
    public void Magnitude_pruning_zeroes_half_of_the_weights()
    {
        var (spec, data, run) = TrainedRun();

        var pruned = CliRun.Of("prune", run, "--model", spec, "--data", data, "--sparsity", "0.5", "--epochs", "1", "--out", Path.Combine(_folder, "sparse"));

        Assert.True(pruned.ExitCode == ExitCodes.Success, pruned.Error);
        Assert.Contains("Magnitude pruning to 50.0", pruned.Out);
    }

    [Theory]
    [InlineData("--channels", "0.3", "--sparsity", "0.5")]
    [InlineData("--channels", "1.5")]
    [InlineData("--sparsity", "0.5", "--criterion", "random")]
    public void Bad_pruning_options_are_usage_errors(params string[] options)
    {
        var spec = Path.Combine(_folder, "spec.json");
        File.WriteAllText(spec, Spec);

        var run = CliRun.Of(["prune", _folder, "--model", spec, "--data", _folder, "--out", Path.Combine(_folder, "out"), .. options]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
    }

    [Fact]
    public void A_folder_without_a_checkpoint_is_bad_input()
    {
        var (spec, data, _) = Files();

        var run = CliRun.Of("prune", _folder, "--model", spec, "--data", data, "--channels", "0.3", "--out", Path.Combine(_folder, "out"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("checkpoint.bin: no checkpoint", run.Error);
    }

    [Fact]
    public void A_teacher_for_other_inputs_is_bad_input()
    {
        var (spec, data, _) = Files();
        var student = Path.Combine(_folder, "student.json");
        File.WriteAllText(student, """{ "input": [8, 8, 1], "architecture": "mlp", "classes": 4, "options": { "hidden": [4] } }""");
        var teacherSpec = Path.Combine(_folder, "teacher.json");
        File.WriteAllText(teacherSpec, """{ "input": [64], "architecture": "mlp", "classes": 4, "options": { "hidden": [4] } }""");
        var teacher = Path.Combine(_folder, "teacher.tflite");
        TfLiteWriter.WriteFile(Mote.Train.Export.ModelExporter.Export(Mote.Train.Spec.ModelSpec.Load(teacherSpec).Build(1)), teacher);
        File.WriteAllText(teacherSpec, """{ "input": [9], "architecture": "mlp", "classes": 4, "options": { "hidden": [4] } }""");
        var other = Path.Combine(_folder, "other.tflite");
        TfLiteWriter.WriteFile(Mote.Train.Export.ModelExporter.Export(Mote.Train.Spec.ModelSpec.Load(teacherSpec).Build(1)), other);

        var run = CliRun.Of("distill", "--teacher", other, "--student", student, "--data", data, "--epochs", "1", "--out", Path.Combine(_folder, "out"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("other.tflite", run.Error);
    }

    [Fact]
    public void A_distillation_killed_mid_training_and_resumed_ends_with_the_uninterrupted_student()
    {
        var (spec, data, run) = TrainedRun();
        string[] Args(string output) => ["distill", "--teacher", run, "--student", spec, "--data", data, "--epochs", "40", "--seed", "3", "--out", output];

        var straight = Path.Combine(_folder, "straight");
        var uninterrupted = CliRun.Of(Args(straight));
        Assert.True(uninterrupted.ExitCode == ExitCodes.Success, uninterrupted.Error);

        var killed = Path.Combine(_folder, "killed");
        KilledRun.AfterFirstCheckpoint(Args(killed), killed);
        Assert.False(File.Exists(Path.Combine(killed, "model.tflite")), "the killed run got as far as writing its model");

        // Without --student: the spec comes from the folder, as for `mote train --resume`.
        var resumed = CliRun.Of([.. Args(killed).Where((_, i) => i is not 3 and not 4), "--resume"]);
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.Error);
        Assert.Contains("resuming after epoch", resumed.Out);
        Assert.DoesNotContain("epoch 1/40:", resumed.Out); // it went on from the checkpoint instead of starting again
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "model.tflite")), File.ReadAllBytes(Path.Combine(killed, "model.tflite")));
    }

    [Fact]
    public void A_resume_with_other_settings_or_without_a_checkpoint_is_refused()
    {
        var (spec, data, run) = TrainedRun();
        var output = Path.Combine(_folder, "student");
        string[] Args(params string[] more) => ["distill", "--teacher", run, "--student", spec, "--data", data, "--epochs", "1", "--out", output, .. more];

        var none = CliRun.Of(Args("--resume"));
        Assert.Equal(ExitCodes.BadInput, none.ExitCode);
        Assert.Contains("no checkpoint to resume from", none.Error);

        Assert.Equal(ExitCodes.Success, CliRun.Of(Args()).ExitCode);
        var other = CliRun.Of(Args("--resume", "--temperature", "2"));
        Assert.Equal(ExitCodes.BadInput, other.ExitCode);
        Assert.Contains("distill.json: the run was started with --temperature 1, not 2", other.Error);
    }

    private (string Spec, string Data, string Run) TrainedRun()
    {
        var (spec, data, _) = Files();
        var run = Path.Combine(_folder, "run");
        var train = CliRun.Of("train", "--model", spec, "--data", data, "--epochs", "4", "--out", run);
        Assert.True(train.ExitCode == ExitCodes.Success, train.Error);
        return (spec, data, run);
    }

    /// <summary>The spec and an IDX folder of 8×8 images whose bright quadrant is the class.</summary>
    private (string Spec, string Data, string Run) Files()
    {
        var spec = Path.Combine(_folder, "spec.json");
        File.WriteAllText(spec, Spec);
        return (spec, TinyIdxData.Write(Path.Combine(_folder, "data")), "");
    }
}
