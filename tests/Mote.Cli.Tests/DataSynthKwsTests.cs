using System.Text.Json;

namespace Mote.Cli.Tests;

public sealed class DataSynthKwsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"mote-synth-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [EspeakFact]
    public void Synthesizes_every_class_in_every_split_with_a_manifest_and_refuses_to_overwrite()
    {
        var run = CliRun.Of("data", "synth-kws", "--out", _folder, "--per-word", "3", "--seed", "2");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("test (40 voices)", run.Out);
        foreach (var split in new[] { "train", "validation", "test" })
        {
            foreach (var className in new[] { "yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go", "unknown", "silence" })
            {
                Assert.Single(Directory.GetFiles(Path.Combine(_folder, split, className), "*.wav"));
            }
        }

        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "manifest.json"))).RootElement;
        Assert.Equal(2UL, manifest.GetProperty("seed").GetUInt64());
        Assert.StartsWith("eSpeak NG", manifest.GetProperty("synthesizer").GetString());

        var again = CliRun.Of("data", "synth-kws", "--out", _folder, "--per-word", "3");
        Assert.Equal(ExitCodes.BadInput, again.ExitCode);
        Assert.Contains("already exists", again.Error);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("100001")]
    public void A_clip_count_out_of_range_is_bad_usage(string perWord)
    {
        var run = CliRun.Of("data", "synth-kws", "--out", _folder, "--per-word", perWord);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--per-word must be between 3 and 100000", run.Error);
        Assert.False(Directory.Exists(_folder));
    }
}
