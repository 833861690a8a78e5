using Mote.Cli.Io;

namespace Mote.Cli.Tests;

/// <summary>
/// The run folder of `mote train --out DIR` keeps the spec it trained, so that `--resume` and the commands working on a
/// trained run find it, and a resume with another spec is refused.
/// </summary>
public sealed class TrainRunFolderTests : IDisposable
{
    // Comments and odd spacing: the saved copy must be the file itself, not a re-serialization.
    private const string Spec = """
        // four quadrants
        {
          "input": [8, 8, 1],
          "layers": [ { "type": "flatten" },   { "type": "dense", "units": 4 } ],
          "training": { "optimizer": "adam", "learning_rate": 0.01, "batch_size": 32 }
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("mote-runfolder-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_run_folder_keeps_the_spec_byte_for_byte_and_resume_finds_it()
    {
        var spec = Path.Combine(_folder, "spec.json");
        File.WriteAllText(spec, Spec);
        var data = TinyIdxData.Write(Path.Combine(_folder, "data"));
        var run = Path.Combine(_folder, "run");

        var trained = CliRun.Of("train", "--model", spec, "--data", data, "--epochs", "1", "--out", run);
        Assert.True(trained.ExitCode == ExitCodes.Success, trained.Error);
        Assert.Equal(File.ReadAllBytes(spec), File.ReadAllBytes(Path.Combine(run, RunFolder.SpecFile)));
        Assert.Equal(Path.Combine(run, RunFolder.SpecFile), RunFolder.FindSpec(run, null));
        Assert.Equal(spec, RunFolder.FindSpec(run, spec));

        var resumed = CliRun.Of("train", "--data", data, "--epochs", "2", "--out", run, "--resume");
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.Error);
        Assert.Contains("trained 2 epochs", resumed.Out);

        var again = CliRun.Of("train", "--model", spec, "--data", data, "--epochs", "3", "--out", run, "--resume");
        Assert.True(again.ExitCode == ExitCodes.Success, again.Error);
        Assert.Contains("trained 3 epochs", again.Out);
    }

    [Fact]
    public void Resuming_with_a_different_spec_is_refused_naming_both_files()
    {
        var spec = Path.Combine(_folder, "spec.json");
        File.WriteAllText(spec, Spec);
        var data = TinyIdxData.Write(Path.Combine(_folder, "data"));
        var run = Path.Combine(_folder, "run");
        Assert.Equal(ExitCodes.Success, CliRun.Of("train", "--model", spec, "--data", data, "--epochs", "1", "--out", run).ExitCode);

        var other = Path.Combine(_folder, "other.json");
        File.WriteAllText(other, Spec.Replace("0.01", "0.02", StringComparison.Ordinal));
        var resumed = CliRun.Of("train", "--model", other, "--data", data, "--epochs", "2", "--out", run, "--resume");

        Assert.Equal(ExitCodes.BadInput, resumed.ExitCode);
        Assert.Contains(other, resumed.Error);
        Assert.Contains(Path.Combine(run, RunFolder.SpecFile), resumed.Error);
    }

    [Fact]
    public void A_run_folder_without_a_saved_spec_asks_for_one()
    {
        var error = Assert.Throws<UsageException>(() => RunFolder.FindSpec(_folder, null));
        Assert.Contains(Path.Combine(_folder, RunFolder.SpecFile), error.Message);
        Assert.Contains("--model", error.Message);

        var run = CliRun.Of("train", "--data", _folder, "--out", Path.Combine(_folder, "run"));
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--model", run.Error);
    }
}
