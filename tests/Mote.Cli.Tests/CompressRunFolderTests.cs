using Mote.Graph;
using Mote.TfLite;

namespace Mote.Cli.Tests;

/// <summary>
/// `mote prune`, `mote distill` and `mote quantize` take a `mote train` run folder for what it holds: its saved spec
/// (RUN/model.json) when no spec is given, its model.tflite as a model.
/// </summary>
public sealed class CompressRunFolderTests : IDisposable
{
    private const string Spec = """
        {
          "input": [8, 8, 1],
          "layers": [
            { "type": "conv2d", "filters": 8, "kernel": 3 },
            { "type": "relu" },
            { "type": "max_pool2d", "pool": 2 },
            { "type": "flatten" },
            { "type": "dense", "units": 4 }
          ],
          "training": { "optimizer": "adam", "learning_rate": 0.01, "batch_size": 16, "validation_fraction": 0.2 }
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("mote-run-folder-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Prune_distill_and_quantize_work_from_run_folders_alone()
    {
        var spec = Path.Combine(_folder, "spec.json");
        File.WriteAllText(spec, Spec);
        var data = TinyIdxData.Write(Path.Combine(_folder, "data"));
        var run = Path.Combine(_folder, "run");
        var train = CliRun.Of("train", "--model", spec, "--data", data, "--epochs", "2", "--out", run);
        Assert.True(train.ExitCode == ExitCodes.Success, train.Error);

        var pruned = CliRun.Of("prune", run, "--data", data, "--channels", "0.5", "--epochs", "1", "--out", Path.Combine(_folder, "pruned"));
        Assert.True(pruned.ExitCode == ExitCodes.Success, pruned.Error);
        Assert.True(CostModel.TotalMacs(TfLiteReader.ReadFile(Path.Combine(_folder, "pruned", "model.tflite")).Main) < CostModel.TotalMacs(TfLiteReader.ReadFile(Path.Combine(run, "model.tflite")).Main));

        // The run as teacher and, through its saved spec, as the student's architecture; the student's folder keeps it.
        var student = Path.Combine(_folder, "student");
        var distilled = CliRun.Of("distill", "--teacher", run, "--student", run, "--data", data, "--epochs", "1", "--out", student);
        Assert.True(distilled.ExitCode == ExitCodes.Success, distilled.Error);
        Assert.Equal(File.ReadAllBytes(spec), File.ReadAllBytes(Path.Combine(student, "model.json")));

        var prunedStudent = CliRun.Of("prune", student, "--data", data, "--sparsity", "0.5", "--epochs", "1", "--out", Path.Combine(_folder, "sparse"));
        Assert.True(prunedStudent.ExitCode == ExitCodes.Success, prunedStudent.Error);

        var quantized = Path.Combine(_folder, "int8.tflite");
        var qat = CliRun.Of("quantize", student, "--data", data, "--qat", "--epochs", "1", "--samples", "20", "--out", quantized);
        Assert.True(qat.ExitCode == ExitCodes.Success, qat.Error);
        var written = TfLiteReader.ReadFile(quantized).Main;
        Assert.Equal(DataType.Int8, written.Tensors[written.Inputs[0]].Type);
    }

    [Fact]
    public void A_run_folder_without_a_saved_spec_asks_for_one()
    {
        var data = TinyIdxData.Write(Path.Combine(_folder, "data"));

        var run = CliRun.Of("prune", _folder, "--data", data, "--channels", "0.3", "--out", Path.Combine(_folder, "out"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("model.json: no saved model spec", run.Error);
    }
}
