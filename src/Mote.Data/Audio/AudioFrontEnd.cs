using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mote.Dsp;

namespace Mote.Data.Audio;

/// <summary>
/// A feature front end that turns a clip into a model's input: a value stored with a trained model, under the
/// .tflite metadata key <see cref="MetadataKey"/> as UTF-8 JSON, or named on the command line
/// (<c>mote run --front-end micro_speech</c>).
/// <para>
/// The one kind so far is <c>micro_speech</c>: TFLM's micro-speech features (<see cref="MicroSpeechFrontEnd"/>, bit-exact
/// with TFLM's audio_preprocessor models), computed over a clip of <see cref="ClipMs"/> milliseconds (1 s: 49 frames of
/// 40 channels at the defaults). A shorter clip is zero-padded at the end and a longer one truncated, so every clip
/// gives the same number of features. The noise estimate starts at zero for each clip, as on a fresh interpreter.
/// </para>
/// <para>
/// JSON: <c>{"kind": "micro_speech", "clip_ms": 1000, "micro_speech": { ... }}</c>, where the optional
/// <c>micro_speech</c> object overrides <see cref="MicroSpeechFrontEnd"/> properties by their snake_case names
/// (e.g. <c>"num_channels": 40</c>); unknown names are refused.
/// </para>
/// </summary>
public sealed record AudioFrontEnd
{
    /// <summary>The .tflite metadata entry holding a model's front end as JSON.</summary>
    public const string MetadataKey = "mote.front_end";

    public const string MicroSpeechKind = "micro_speech";

    /// <summary>Longest clip a front end may ask for: ten minutes.</summary>
    public const int MaxClipMs = 600_000;

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public string Kind { get; init; } = MicroSpeechKind;

    public int ClipMs { get; init; } = 1000;

    public MicroSpeechFrontEnd MicroSpeech { get; init; } = new();

    public int SampleRate => MicroSpeech.SampleRate;

    public int ClipSamples => checked((int)((long)ClipMs * SampleRate / 1000));

    public int Frames => MicroSpeech.FrameCount(ClipSamples);

    /// <summary>Number of features per clip: frames × channels, row-major [frame][channel].</summary>
    public int FeatureCount => Frames * MicroSpeech.NumChannels;

    /// <summary>The front end a command-line name stands for, with its default configuration; false for an unknown name.</summary>
    public static bool TryFromName(string name, [NotNullWhen(true)] out AudioFrontEnd? frontEnd)
    {
        frontEnd = name == MicroSpeechKind ? new AudioFrontEnd() : null;
        return frontEnd is not null;
    }

    /// <summary>Parses the JSON form; <paramref name="source"/> names it in errors (e.g. "model.tflite: metadata mote.front_end").</summary>
    public static AudioFrontEnd FromJson(ReadOnlySpan<byte> utf8Json, string source)
    {
        AudioFrontEnd? frontEnd;
        try
        {
            frontEnd = JsonSerializer.Deserialize<AudioFrontEnd>(utf8Json, s_json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataFileException(source, $"invalid front-end JSON ({e.Message})");
        }

        if (frontEnd is null || frontEnd.Kind != MicroSpeechKind)
        {
            throw new InvalidDataFileException(source, $"unknown front-end kind '{frontEnd?.Kind}' (known: {MicroSpeechKind})");
        }

        if (frontEnd.ClipMs is <= 0 or > MaxClipMs)
        {
            throw new InvalidDataFileException(source, $"clip_ms {frontEnd.ClipMs} is not between 1 and {MaxClipMs}");
        }

        int frames;
        try
        {
            // Building the processor derives every table, which checks the configuration.
            _ = new MicroSpeechFrontEndProcessor(frontEnd.MicroSpeech);
            frames = frontEnd.Frames;
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException or IndexOutOfRangeException)
        {
            throw new InvalidDataFileException(source, $"invalid micro_speech configuration ({e.Message})");
        }

        if (frames <= 0)
        {
            throw new InvalidDataFileException(source, $"a clip of {frontEnd.ClipMs} ms holds no whole frame");
        }

        return frontEnd;
    }

    /// <summary>The UTF-8 JSON form that <see cref="FromJson"/> reads back, as stored in a model's metadata.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, s_json);

    /// <summary>Int8 features of a clip (audio_preprocessor_int8's output for each frame).</summary>
    public sbyte[] Int8Features(ReadOnlySpan<short> clip) => Array.ConvertAll(Features(clip), MicroSpeechFrontEnd.ToInt8);

    /// <summary>Float features of a clip (audio_preprocessor_float's output for each frame).</summary>
    public float[] FloatFeatures(ReadOnlySpan<short> clip) => Array.ConvertAll(Features(clip), MicroSpeech.ToFloat);

    private short[] Features(ReadOnlySpan<short> clip)
    {
        var padded = new short[ClipSamples];
        clip[..Math.Min(clip.Length, padded.Length)].CopyTo(padded);
        return new MicroSpeechFrontEndProcessor(MicroSpeech).ProcessClip(padded);
    }
}
