using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Mote.Data.Audio;
using Mote.Graph;
using Mote.Testing;
using Mote.TfLite;

namespace Mote.Cli.Tests;

/// <summary>
/// `mote run MODEL --wav FILE`: TFLM's micro_speech model classifies the yes and no clips of micro_speech_frontend/
/// (written to WAV files here) from features the micro_speech front end computes.
/// </summary>
public sealed class RunWavTests : IDisposable
{
    private static readonly string[] s_labels = ["silence", "unknown", "yes", "no"];

    private readonly string _folder = Directory.CreateTempSubdirectory("mote-wav-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [ConformanceTheory]
    [InlineData("yes")]
    [InlineData("no")]
    public void Micro_speech_classifies_the_clip(string clip)
    {
        var run = CliRun.Of("run", Conformance.ModelPath("micro_speech"), "--wav", Wav(clip), "--front-end", "micro_speech", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal(clip, Label(run.Out, out double score));
        Assert.True(score > 0.9, $"{clip} scored {score}");
    }

    [ConformanceFact]
    public void The_front_end_stored_in_the_model_metadata_is_used()
    {
        var model = TfLiteReader.ReadFile(Conformance.ModelPath("micro_speech"));
        var json = Encoding.UTF8.GetBytes("""{"kind": "micro_speech", "clip_ms": 1000, "micro_speech": {"num_channels": 40}}""");
        string path = Path.Combine(_folder, "with_front_end.tflite");
        TfLiteWriter.WriteFile(model with { Metadata = [.. model.Metadata, new MetadataEntry(AudioFrontEnd.MetadataKey, json)] }, path);

        var run = CliRun.Of("run", path, "--wav", Wav("yes"), "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal("yes", Label(run.Out, out _));
    }

    [ConformanceFact]
    public void A_model_without_a_front_end_needs_the_option()
    {
        var run = CliRun.Of("run", Conformance.ModelPath("micro_speech"), "--wav", Wav("yes"), "--json");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--front-end micro_speech", run.Error);
    }

    [ConformanceFact]
    public void Wav_and_input_are_exclusive()
    {
        var run = CliRun.Of("run", Conformance.ModelPath("micro_speech"), "--wav", Wav("yes"), "--input", Wav("no"), "--front-end", "micro_speech", "--json");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("exclusive", run.Error);
    }

    [ConformanceFact]
    public void Audio_at_another_rate_is_refused_naming_the_file()
    {
        string path = Path.Combine(_folder, "8k.wav");
        WavFile.Write(path, new PcmAudio(8000, new short[8000]));

        var run = CliRun.Of("run", Conformance.ModelPath("micro_speech"), "--wav", path, "--front-end", "micro_speech", "--json");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"{path}: has PCM, 16-bit, 1 channel(s), 8000 Hz; needs PCM, 16-bit, 1 channel (mono), 16000 Hz", run.Error);
    }

    [ConformanceFact]
    public void A_model_whose_input_does_not_hold_the_features_is_refused()
    {
        var run = CliRun.Of("run", Conformance.ModelPath("kws_ref"), "--wav", Wav("yes"), "--front-end", "micro_speech", "--json");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("49×40 = 1960 features", run.Error);
        Assert.Contains("holds 490", run.Error);
    }

    private string Wav(string clip)
    {
        byte[] raw = File.ReadAllBytes(Path.Combine(Conformance.Directory!, "micro_speech_frontend", $"{clip}.audio.i16.bin"));
        string path = Path.Combine(_folder, $"{clip}.wav");
        WavFile.Write(path, new PcmAudio(16000, MemoryMarshal.Cast<byte, short>(raw).ToArray()));
        return path;
    }

    private static string Label(string json, out double score)
    {
        using var document = JsonDocument.Parse(json);
        var scores = document.RootElement.GetProperty("outputs")[0].GetProperty("dequantized").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        int best = Array.IndexOf(scores, scores.Max());
        score = scores[best];
        return s_labels[best];
    }
}
