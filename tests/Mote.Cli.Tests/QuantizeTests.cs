using Mote.Runtime;
using Mote.Testing;
using Mote.TfLite;

namespace Mote.Cli.Tests;

public sealed class QuantizeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mote-quantize-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Help_explains_the_command_with_an_example()
    {
        var run = CliRun.Of("quantize", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Example:", run.Out);
        Assert.Contains("mote quantize", run.Out);
        Assert.Contains("--float-io", run.Out);
    }

    [ConformanceFact]
    public void Quantize_writes_an_int8_model_that_runs_and_prints_the_before_after_table()
    {
        var calibration = CalibrationFolder("hello_world_float");
        var target = Path.Combine(_folder, "int8.tflite");

        var run = CliRun.Of("quantize", Conformance.ModelPath("hello_world_float"), "--calibration", calibration, "--out", target);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("arena bytes", run.Out);
        Assert.Contains("MACs", run.Out);
        var interpreter = Interpreter.Create(TfLiteReader.ReadFile(target), target);
        Assert.Equal(Mote.Graph.DataType.Int8, interpreter.Inputs[0].Type);
        interpreter.Invoke();
    }

    [ConformanceFact]
    public void Float_io_keeps_float_inputs()
    {
        var target = Path.Combine(_folder, "float-io.tflite");

        var run = CliRun.Of("quantize", Conformance.ModelPath("hello_world_float"), "--calibration", CalibrationFolder("hello_world_float"), "--float-io", "--out", target);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Mote.Graph.DataType.Float32, Interpreter.Create(TfLiteReader.ReadFile(target), target).Inputs[0].Type);
    }

    [ConformanceFact]
    public void An_unsupported_operator_is_bad_input_naming_it()
    {
        var run = CliRun.Of("quantize", Conformance.ModelPath("mnist_lstm_float"), "--calibration", CalibrationFolder("mnist_lstm_float"), "--out", Path.Combine(_folder, "x.tflite"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("UNIDIRECTIONAL_SEQUENCE_LSTM", run.Error);
    }

    [ConformanceFact]
    public void A_missing_calibration_folder_is_bad_input()
    {
        var run = CliRun.Of("quantize", Conformance.ModelPath("hello_world_float"), "--calibration", Path.Combine(_folder, "none"), "--out", Path.Combine(_folder, "x.tflite"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("calibration folder", run.Error);
    }

    /// <summary>The conformance cases' raw float32 inputs, as .bin calibration files.</summary>
    private string CalibrationFolder(string model)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, model)).FullName;
        foreach (var testCase in Conformance.ReadManifest(model).Cases)
        {
            File.Copy(testCase.Inputs[0], Path.Combine(folder, $"case_{testCase.Id}.bin"));
        }

        return folder;
    }
}
