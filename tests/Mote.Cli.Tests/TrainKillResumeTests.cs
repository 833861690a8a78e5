using System.Diagnostics;

namespace Mote.Cli.Tests;

/// <summary>
/// `kill -9` during `mote train`, then `--resume`: the final model must be byte for byte the one an uninterrupted run
/// with the same seed writes. The interrupted run is a real `mote` process killed without warning.
/// </summary>
public sealed class TrainKillResumeTests : IDisposable
{
    private const int Epochs = 60;

    private const string Spec = """
        {
          "input": [8, 8, 1],
          "layers": [
            { "type": "conv2d", "filters": 4, "kernel": 3, "use_bias": false },
            { "type": "batch_norm" },
            { "type": "relu" },
            { "type": "max_pool2d", "pool": 2 },
            { "type": "flatten" },
            { "type": "dropout", "rate": 0.1 },
            { "type": "dense", "units": 4 }
          ],
          "training": { "optimizer": "adamw", "learning_rate": 0.01, "schedule": "cosine", "batch_size": 16,
                        "augmentation": { "shift": 1 } }
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("mote-kill-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_run_killed_mid_training_and_resumed_ends_with_the_uninterrupted_model()
    {
        var spec = Path.Combine(_folder, "spec.json");
        File.WriteAllText(spec, Spec);
        var data = TinyIdxData.Write(Path.Combine(_folder, "data"));
        string[] Args(string output) => ["train", "--model", spec, "--data", data, "--epochs", $"{Epochs}", "--seed", "5", "--out", output];

        var straight = Path.Combine(_folder, "straight");
        var uninterrupted = CliRun.Of(Args(straight));
        Assert.True(uninterrupted.ExitCode == ExitCodes.Success, uninterrupted.Error);

        var killed = Path.Combine(_folder, "killed");
        RunAndKillAfterFirstCheckpoint(Args(killed), killed);
        Assert.False(File.Exists(Path.Combine(killed, "model.tflite")), "the killed run got as far as writing its model");

        var resumed = CliRun.Of([.. Args(killed), "--resume"]);
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.Error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "model.tflite")), File.ReadAllBytes(Path.Combine(killed, "model.tflite")));
    }

    /// <summary>Starts `mote` as its own process and SIGKILLs it once a checkpoint exists.</summary>
    private static void RunAndKillAfterFirstCheckpoint(string[] args, string output)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mote.dll"));
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var checkpoint = Path.Combine(output, "checkpoint.bin");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(checkpoint) && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            Thread.Sleep(5);
        }

        Assert.False(process.HasExited, $"mote train ended (exit {(process.HasExited ? process.ExitCode : 0)}) before it could be killed");
        process.Kill(); // SIGKILL on Linux: no handler runs, as with kill -9.
        process.WaitForExit();
    }
}
