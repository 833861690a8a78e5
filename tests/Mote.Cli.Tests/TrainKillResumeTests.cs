using System.Text.Json.Nodes;

namespace Mote.Cli.Tests;

/// <summary>
/// `kill -9` during `mote train`, then `--resume`: the final model must be byte for byte the one an uninterrupted run
/// with the same seed writes, and train.jsonl must hold one line per epoch, the uninterrupted run's lines but for
/// their timing. The interrupted run is a real `mote` process killed without warning.
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
        KilledRun.AfterFirstCheckpoint(Args(killed), killed);
        Assert.False(File.Exists(Path.Combine(killed, "model.tflite")), "the killed run got as far as writing its model");

        // The worst moment for the log: the kill came after a checkpoint, before its epoch's line was complete. Where
        // the real kill landed elsewhere, make it so: drop the last whole line and leave half of it.
        var log = Path.Combine(killed, "train.jsonl");
        var lines = File.ReadAllLines(log);
        var torn = lines.Length == 0 ? "" : lines[^1][..(lines[^1].Length / 2)];
        File.WriteAllText(log, string.Concat(lines.SkipLast(1).Select(line => line + "\n")) + torn);

        var resumed = CliRun.Of([.. Args(killed), "--resume"]);
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.Error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "model.tflite")), File.ReadAllBytes(Path.Combine(killed, "model.tflite")));

        var expected = WithoutTiming(Path.Combine(straight, "train.jsonl"));
        Assert.Equal(Epochs, expected.Count);
        Assert.Equal(expected, WithoutTiming(log));
    }

    /// <summary>The log's lines with the "seconds" field removed, each checked to be one JSON object.</summary>
    private static List<string> WithoutTiming(string log) =>
        [.. File.ReadAllLines(log).Select(line =>
        {
            var record = JsonNode.Parse(line)!.AsObject();
            Assert.True(record.Remove("seconds"), $"{log}: no \"seconds\" in {line}");
            return record.ToJsonString();
        })];
}
