using System.Text.Json;
using Mote.Testing;

namespace Mote.Cli.Tests;

public sealed class DeployTests
{
    [CortexMFact]
    public void Json_reports_the_five_figures_of_an_emulated_run()
    {
        var run = CliRun.Of("deploy", Conformance.ModelPath("ad01_int8"), "--target", "cortex-m4", "--emulate", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.True(root.GetProperty("output_matches").GetBoolean());
        foreach (var figure in new[] { "code_bytes", "weight_bytes", "ram_bytes", "instructions_per_inference" })
        {
            Assert.True(root.GetProperty(figure).GetInt64() > 0, figure);
        }

        Assert.Equal("mps2-an386", root.GetProperty("board").GetString());
    }

    [CortexMFact]
    public void Profile_attributes_every_instruction_of_the_inference_to_a_function()
    {
        var run = CliRun.Of("deploy", Conformance.ModelPath("ad01_int8"), "--target", "cortex-m4", "--profile", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        var functions = root.GetProperty("profile").EnumerateArray().ToList();
        Assert.Equal(root.GetProperty("instructions_per_inference").GetInt64(), functions.Sum(f => f.GetProperty("instructions").GetInt64()));

        // ad01 is fully connected layers only: the matrix kernel (mote_gemm_s8 and its dot products) does most of the work.
        var matrix = functions.Where(f => f.GetProperty("function").GetString() is { } name && (name.StartsWith("mote_gemm", StringComparison.Ordinal) || name.StartsWith("mote_dot", StringComparison.Ordinal)));
        Assert.True(matrix.Sum(f => f.GetProperty("instructions").GetInt64()) > root.GetProperty("instructions_per_inference").GetInt64() / 2);
    }

    [ConformanceFact]
    public void An_unsupported_operator_is_refused_by_name()
    {
        var run = CliRun.Of("deploy", Conformance.ModelPath("audio_preprocessor_int8"), "--target", "cortex-m4");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("CUSTOM:SignalWindow (operator 0)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_target_is_bad_usage()
    {
        var run = CliRun.Of("deploy", "model.tflite", "--target", "cortex-m0");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("cortex-m0", run.Error, StringComparison.Ordinal);
    }
}
