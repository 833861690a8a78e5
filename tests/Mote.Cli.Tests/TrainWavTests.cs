using System.Text;
using System.Text.Json;
using Mote.Data;
using Mote.Data.Audio;
using Mote.TfLite;

namespace Mote.Cli.Tests;

/// <summary>
/// `mote train --data FOLDER` on WAV class folders: features from the micro_speech front end, the front end stored in
/// the model, and `mote run --wav` on the result.
/// </summary>
public sealed class TrainWavTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mote-trainwav-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Low_and_high_tones_are_learned_and_the_model_runs_on_a_wav_file()
    {
        var random = new SeededRandom(1);
        foreach (var split in new[] { "train", "test" })
        {
            for (var i = 0; i < (split == "train" ? 40 : 10); i++)
            {
                Tone(Path.Combine(split, "high", $"{i}.wav"), 2500 + (1500 * random.NextSingle()), random);
                Tone(Path.Combine(split, "low", $"{i}.wav"), 200 + (300 * random.NextSingle()), random);
            }
        }

        var spec = Path.Combine(_folder, "spec.json");
        File.WriteAllText(spec, """
            {
              "input": [49, 40, 1],
              "layers": [
                { "type": "batch_norm" },
                { "type": "flatten" },
                { "type": "dense", "units": 2 }
              ],
              "training": { "optimizer": "adam", "learning_rate": 0.002, "batch_size": 8, "epochs": 12 }
            }
            """);
        var output = Path.Combine(_folder, "run");

        var train = CliRun.Of("train", "--model", spec, "--data", _folder, "--out", output);

        Assert.True(train.ExitCode == ExitCodes.Success, train.Error);
        var accuracy = double.Parse(train.Out[(train.Out.IndexOf("test accuracy ", StringComparison.Ordinal) + 14)..].Split('%')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 90, train.Out);

        var model = Path.Combine(output, "model.tflite");
        var stored = TfLiteReader.ReadFile(model).Metadata.Single(m => m.Name == AudioFrontEnd.MetadataKey);
        Assert.Equal(new AudioFrontEnd(), AudioFrontEnd.FromJson(stored.Data.AsSpan(), "model"));

        // Class folders sort ordinally: "high" is label 0.
        var run = CliRun.Of("run", model, "--wav", Path.Combine(_folder, "test", "high", "0.wav"), "--json");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var scores = JsonDocument.Parse(run.Out).RootElement.GetProperty("outputs")[0].GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.True(scores[0] > scores[1], run.Out);
    }

    [Fact]
    public void A_test_class_the_training_data_lacks_is_bad_input()
    {
        Tone(Path.Combine("train", "low", "0.wav"), 300, new SeededRandom(2));
        Tone(Path.Combine("test", "middle", "0.wav"), 1000, new SeededRandom(3));
        var spec = Path.Combine(_folder, "spec.json");
        File.WriteAllText(spec, """{ "input": [49, 40, 1], "layers": [{ "type": "global_average_pool" }, { "type": "dense", "units": 1 }] }""");

        var run = CliRun.Of("train", "--model", spec, "--data", _folder, "--out", Path.Combine(_folder, "run"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("class 'middle' is not one of the training classes (low)", run.Error);
    }

    /// <summary>A 1 s tone at a random level with a little noise.</summary>
    private void Tone(string relative, double hz, SeededRandom random)
    {
        var samples = new float[16000];
        var amplitude = 0.1 + (0.4 * random.NextSingle());
        for (var n = 0; n < samples.Length; n++)
        {
            samples[n] = (float)(amplitude * Math.Sin(2 * Math.PI * hz * n / 16000));
        }

        samples = AudioAugmentation.MixNoise(samples, NoiseGenerator.White(16000, random), 20);
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WavFile.Write(path, new PcmAudio(16000, PcmConversion.ToPcm(samples)));
    }
}
