using System.Text.Json;
using Mote.Testing;

namespace Mote.Cli.Tests;

public class InspectTests
{
    [ConformanceFact]
    public void Table_lists_every_operator_with_shapes_and_macs()
    {
        var run = CliRun.Of("inspect", Conformance.ModelPath("kws_ref"));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("int8[1,49,10,1] int8[64,10,4,1] int32[64]", run.Out);
        Assert.Contains("FULLY_CONNECTED v4", run.Out);
        // DS-CNN of MLPerf Tiny: 2.66 M MACs (the benchmark paper quotes 2.7 M).
        Assert.Contains("13 operators, 35 tensors, 2,656,768 MACs", run.Out);
    }

    [ConformanceTheory]
    [InlineData("kws_ref", 13)]
    [InlineData("vww_96_int8", 31)]
    [InlineData("micro_speech_lstm", 4)]
    public void Json_gives_the_same_facts_as_the_table(string model, int operators)
    {
        var run = CliRun.Of("inspect", Conformance.ModelPath(model), "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        var ops = root.GetProperty("subgraphs")[0].GetProperty("operators");
        Assert.Equal(operators, ops.GetArrayLength());
        Assert.Equal(ops.EnumerateArray().Sum(o => o.GetProperty("macs").GetInt64()), root.GetProperty("totals").GetProperty("macs").GetInt64());
        Assert.Equal(0, root.GetProperty("issues").GetArrayLength());
        foreach (var op in ops.EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(op.GetProperty("op").GetString()));
            Assert.True(op.GetProperty("output_shapes").GetArrayLength() > 0);
        }
    }

    [ConformanceFact]
    public void Convert_writes_a_model_that_inspects_the_same()
    {
        var target = Path.Combine(Path.GetTempPath(), $"mote-convert-{Guid.NewGuid():N}.tflite");
        try
        {
            var convert = CliRun.Of("convert", Conformance.ModelPath("kws_ref"), "--out", target);
            Assert.Equal(ExitCodes.Success, convert.ExitCode);

            var original = CliRun.Of("inspect", Conformance.ModelPath("kws_ref"), "--json").Out;
            var copy = CliRun.Of("inspect", target, "--json").Out;
            Assert.Equal(WithoutFileFields(original), WithoutFileFields(copy));
        }
        finally
        {
            File.Delete(target);
        }
    }

    private static string WithoutFileFields(string json) =>
        string.Join("\n", json.Split('\n').Where(l => !l.Contains("\"file\"") && !l.Contains("\"file_bytes\"")));
}
