using System.Text.Json;
using Mote.Testing;
using Mote.TfLite;
using Mote.Train;
using Mote.Train.Export;

namespace Mote.Cli.Tests;

/// <summary>mote quantize's calibration methods, debugger report, JSON and quantization-aware training.</summary>
public sealed class QuantizeMethodTests : IDisposable
{
    private const string FashionMnist = "/usr/share/datasets/fashion-mnist";
    private readonly string _folder = Directory.CreateTempSubdirectory("mote-quantize-methods-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [ConformanceTheory]
    [InlineData("minmax")]
    [InlineData("percentile")]
    [InlineData("mse")]
    public void Each_method_writes_a_model_and_the_report_lists_every_layer(string method)
    {
        var target = Path.Combine(_folder, $"{method}.tflite");

        var run = CliRun.Of("quantize", Conformance.ModelPath("hello_world_float"), "--calibration", CalibrationFolder(), "--method", method, "--report", "--out", target);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Quantized by {method} calibration", run.Out);
        Assert.Contains("worst first", run.Out);
        Assert.Contains("top-1 agreement", run.Out);
        Assert.Equal(3, TfLiteReader.ReadFile(target).Main.Operators.Count(op => op.Type == Graph.OpType.FullyConnected));
    }

    [ConformanceFact]
    public void Json_carries_the_sizes_and_the_report()
    {
        var run = CliRun.Of("quantize", Conformance.ModelPath("hello_world_float"), "--calibration", CalibrationFolder(), "--report", "--json", "--out", Path.Combine(_folder, "json.tflite"));

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Out);
        var root = document.RootElement;
        Assert.Equal("minmax", root.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("float_accuracy").ValueKind);
        Assert.Equal(["file_bytes", "macs", "arena_bytes"], root.GetProperty("sizes").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var layers = root.GetProperty("report").GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(3, layers.Count);
        Assert.All(layers, l => Assert.True(l.TryGetProperty("own_sqnr_db", out _)));
    }

    [Theory]
    [InlineData("--qat")]
    [InlineData("--method", "mse", "--qat", "--data", "x")]
    [InlineData("--percentile", "20")]
    public void Contradictory_or_incomplete_options_are_bad_usage(params string[] options)
    {
        var model = TinyFashionModel();
        string[] args = ["quantize", model, .. options, "--out", Path.Combine(_folder, "x.tflite")];
        if (!args.Contains("--data"))
        {
            args = [.. args, "--calibration", _folder];
        }

        var run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("mote:", run.Error);
    }

    [Fact]
    public void Neither_calibration_nor_data_is_bad_usage()
    {
        var run = CliRun.Of("quantize", TinyFashionModel(), "--out", Path.Combine(_folder, "x.tflite"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--calibration", run.Error);
    }

    /// <summary>A short QAT run of a small MLP on 600 Fashion-MNIST images: accuracy row, simulation agreement, an int8 file.</summary>
    [Fact]
    public void Qat_fine_tunes_on_labelled_images_and_reports_accuracy_and_simulation_agreement()
    {
        Assert.True(Directory.Exists(FashionMnist), $"{FashionMnist} is missing: apt-get install dataset-fashion-mnist");
        var target = Path.Combine(_folder, "qat.tflite");

        var run = CliRun.Of("quantize", TinyFashionModel(), "--data", FashionMnist, "--qat", "--epochs", "1", "--train-samples", "600", "--samples", "50", "--test-samples", "200", "--out", target);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("quantization-aware training, 1 epoch(s)", run.Out);
        Assert.Contains("accuracy (200 test items)", run.Out);
        Assert.Contains("the simulation in integers on 50 calibration samples: every output value equal", run.Out);
        var written = TfLiteReader.ReadFile(target).Main;
        Assert.Equal(Graph.DataType.Int8, written.Tensors[written.Inputs[0]].Type);
    }

    [Fact]
    public void Labels_beyond_the_model_outputs_are_bad_usage()
    {
        Assert.True(Directory.Exists(FashionMnist), $"{FashionMnist} is missing: apt-get install dataset-fashion-mnist");

        var run = CliRun.Of("quantize", TinyFashionModel(classes: 3), "--data", FashionMnist, "--out", Path.Combine(_folder, "x.tflite"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("outside the model's 3 outputs", run.Error);
    }

    /// <summary>An untrained 28×28 MLP classifier written as float .tflite.</summary>
    private string TinyFashionModel(int classes = 10)
    {
        var path = Path.Combine(_folder, $"mlp{classes}.tflite");
        if (!File.Exists(path))
        {
            TfLiteWriter.WriteFile(ModelExporter.Export(Architectures.Mlp([28, 28, 1], [32], classes, seed: 4)), path);
        }

        return path;
    }

    /// <summary>The conformance cases' raw float32 inputs, as .bin calibration files.</summary>
    private string CalibrationFolder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "calibration")).FullName;
        foreach (var testCase in Conformance.ReadManifest("hello_world_float").Cases)
        {
            File.Copy(testCase.Inputs[0], Path.Combine(folder, $"case_{testCase.Id}.bin"), overwrite: true);
        }

        return folder;
    }
}
