using Mote.Data;
using Mote.Data.Audio;

namespace Mote.Cli.Tests;

/// <summary>
/// `mote train --max-memory`: data over the budget is streamed from feature files in the run folder and trains the
/// same model, byte for byte, as in memory; WAV clips with the spec's audio augmentation get new features every
/// epoch, reproducibly and across a resume.
/// </summary>
public sealed class TrainStreamingTests : IDisposable
{
    private const string IdxSpec = """
        {
          "input": [8, 8, 1],
          "layers": [
            { "type": "conv2d", "filters": 4, "kernel": 3 },
            { "type": "relu" },
            { "type": "max_pool2d", "pool": 2 },
            { "type": "flatten" },
            { "type": "dropout", "rate": 0.1 },
            { "type": "dense", "units": 4 }
          ],
          "training": { "optimizer": "adam", "learning_rate": 0.01, "batch_size": 16, "augmentation": { "shift": 1 } }
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("mote-streaming-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Idx_data_streamed_from_disk_trains_the_model_it_trains_in_memory()
    {
        var spec = Write("spec.json", IdxSpec);
        var data = TinyIdxData.Write(Path.Combine(_folder, "data"));
        string[] Args(string output) => ["train", "--model", spec, "--data", data, "--epochs", "3", "--seed", "4", "--out", output];

        var memory = CliRun.Of(Args(Path.Combine(_folder, "memory")));
        var streamed = CliRun.Of([.. Args(Path.Combine(_folder, "streamed")), "--max-memory", "0"]);

        Assert.True(memory.ExitCode == ExitCodes.Success, memory.Error);
        Assert.True(streamed.ExitCode == ExitCodes.Success, streamed.Error);
        Assert.Contains("data: 360 training items, in memory", memory.Out);
        Assert.Contains("data: 360 training items, streamed from disk", streamed.Out);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_folder, "memory", "model.tflite")), File.ReadAllBytes(Path.Combine(_folder, "streamed", "model.tflite")));
        Assert.Equal(TestLine(memory.Out), TestLine(streamed.Out));
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "streamed"), "*.f32"));
    }

    /// <summary>Both layouts: train/test folders, and class folders at the top with a validation share held out.</summary>
    [Theory]
    [InlineData("train,test")]
    [InlineData("")]
    public void Wav_features_streamed_from_disk_train_the_model_they_train_in_memory(string splits)
    {
        WriteTones(splits.Split(','));
        var spec = Write("spec.json", WavSpec(augmentation: ""));
        string[] Args(string output) => ["train", "--model", spec, "--data", _folder, "--epochs", "2", "--out", Path.Combine(_folder, output)];

        var memory = CliRun.Of(Args("memory"));
        var streamed = CliRun.Of([.. Args("streamed"), "--max-memory", "0"]);

        Assert.True(memory.ExitCode == ExitCodes.Success, memory.Error);
        Assert.True(streamed.ExitCode == ExitCodes.Success, streamed.Error);
        Assert.Contains("streamed from disk", streamed.Out);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_folder, "memory", "model.tflite")), File.ReadAllBytes(Path.Combine(_folder, "streamed", "model.tflite")));
    }

    [Fact]
    public void Audio_augmentation_changes_the_training_reproducibly_from_memory_or_files_and_survives_a_resume()
    {
        WriteTones(["train", "test"]);
        var plain = Write("plain.json", WavSpec(augmentation: ""));
        var augmented = Write("augmented.json", WavSpec(augmentation: """, "augmentation": { "time_shift_ms": 100, "gain_db": 3, "noise_probability": 0.5, "noise_snr_db": [15, 25] }"""));
        string[] Args(string spec, string output, int epochs) => ["train", "--model", spec, "--data", _folder, "--epochs", $"{epochs}", "--out", Path.Combine(_folder, output)];
        byte[] Model(string output) => File.ReadAllBytes(Path.Combine(_folder, output, "model.tflite"));

        var once = CliRun.Of(Args(augmented, "once", 8));
        Assert.True(once.ExitCode == ExitCodes.Success, once.Error);
        Assert.Contains("augmented before the front end every epoch", once.Out);
        var fromFiles = CliRun.Of([.. Args(augmented, "from-files", 8), "--max-memory", "0"]);
        Assert.True(fromFiles.ExitCode == ExitCodes.Success, fromFiles.Error);
        Assert.Contains("training clips read from their WAV files every epoch", fromFiles.Out);
        Assert.Equal(ExitCodes.Success, CliRun.Of(Args(plain, "plain", 8)).ExitCode);
        Assert.Equal(Model("once"), Model("from-files"));
        Assert.NotEqual(Model("once"), Model("plain"));
        var accuracy = double.Parse(TestLine(once.Out)["test accuracy ".Length..].Split('%')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 80, once.Out);

        Assert.Equal(ExitCodes.Success, CliRun.Of(Args(augmented, "resumed", 3)).ExitCode);
        var resumed = CliRun.Of([.. Args(augmented, "resumed", 8), "--resume"]);
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.Error);
        Assert.Equal(Model("once"), Model("resumed"));
    }

    [Fact]
    public void Audio_augmentation_on_image_data_is_bad_input()
    {
        var spec = Write("spec.json", IdxSpec.Replace("\"shift\": 1", "\"gain_db\": 3", StringComparison.Ordinal));
        var data = TinyIdxData.Write(Path.Combine(_folder, "data"));

        var run = CliRun.Of("train", "--model", spec, "--data", data, "--out", Path.Combine(_folder, "run"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("audio augmentation", run.Error);
        Assert.Contains(data, run.Error);
    }

    private static string WavSpec(string augmentation) => $$"""
        {
          "input": [49, 40, 1],
          "layers": [ { "type": "batch_norm" }, { "type": "flatten" }, { "type": "dense", "units": 2 } ],
          "training": { "optimizer": "adam", "learning_rate": 0.002, "batch_size": 8 {{augmentation}} }
        }
        """;

    private static string TestLine(string output) => output.Split('\n').Single(line => line.StartsWith("test accuracy ", StringComparison.Ordinal));

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Low (200–500 Hz) and high (2.5–4 kHz) tones of 1 s at random levels with a little noise.</summary>
    private void WriteTones(string[] splits)
    {
        var random = new SeededRandom(1);
        foreach (var split in splits)
        {
            for (var i = 0; i < (split == "train" ? 24 : 8); i++)
            {
                foreach (var (name, low, high) in new[] { ("high", 2500.0, 4000.0), ("low", 200.0, 500.0) })
                {
                    var hz = low + ((high - low) * random.NextSingle());
                    var amplitude = 0.1 + (0.4 * random.NextSingle());
                    var samples = new float[16000];
                    for (var n = 0; n < samples.Length; n++)
                    {
                        samples[n] = (float)(amplitude * Math.Sin(2 * Math.PI * hz * n / 16000));
                    }

                    samples = AudioAugmentation.MixNoise(samples, NoiseGenerator.White(16000, random), 20);
                    var path = Path.Combine(_folder, split, name, $"{i}.wav");
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    WavFile.Write(path, new PcmAudio(16000, PcmConversion.ToPcm(samples)));
                }
            }
        }
    }
}
