using System.Runtime.InteropServices;
using Mote.Graph;
using Mote.Testing;
using Mote.TfLite;

namespace Mote.Runtime.Tests.Signal;

/// <summary>
/// The audio_preprocessor models run by the interpreter as TFLM's micro_speech example runs them: the 49 frames of a
/// one-second clip (480-sample window, 320-sample stride) on ONE interpreter, so the spectral-subtraction noise
/// estimate carries from frame to frame. Compared with micro_speech_frontend/ (generator (a), made by TFLM the same way).
/// </summary>
public sealed class AudioPreprocessorStreamTests
{
    private const int Frames = 49;
    private const int Window = 480;
    private const int Stride = 320;
    private const int Channels = 40;

    public static TheoryData<string> Clips => new() { "yes", "no", "chirp_noise" };

    [ConformanceTheory]
    [MemberData(nameof(Clips))]
    public void Int8_features_match_TFLM_exactly(string clip)
    {
        byte[] expected = File.ReadAllBytes(FrontEndPath($"{clip}.features_int8.bin"));

        byte[] actual = RunClip("audio_preprocessor_int8", clip, Channels * sizeof(sbyte));

        Assert.Equal(Frames * Channels, expected.Length);
        Assert.Equal(expected, actual);
    }

    [ConformanceTheory]
    [MemberData(nameof(Clips))]
    public void Float_features_match_TFLM_exactly(string clip)
    {
        float[] expected = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(FrontEndPath($"{clip}.features_float32.bin"))).ToArray();

        float[] actual = MemoryMarshal.Cast<byte, float>(RunClip("audio_preprocessor_float", clip, Channels * sizeof(float))).ToArray();

        Assert.Equal(Frames * Channels, expected.Length);
        Assert.Equal(expected, actual);
    }

    [ConformanceTheory]
    [InlineData("yes")]
    public void ResetVariables_forgets_the_noise_estimate(string clip)
    {
        var interpreter = Create("audio_preprocessor_int8");
        byte[] audio = File.ReadAllBytes(FrontEndPath($"{clip}.audio.i16.bin"));
        byte[] first = Frame(interpreter, audio, 0);
        Frame(interpreter, audio, 1);
        byte[] carried = Frame(interpreter, audio, 0);

        interpreter.ResetVariables();
        byte[] fresh = Frame(interpreter, audio, 0);

        Assert.NotEqual(first, carried);
        Assert.Equal(first, fresh);
    }

    [Fact]
    public void Unknown_custom_code_is_rejected_at_load_time()
    {
        var tensors = new[] { new Tensor("in", DataType.Int16, Shape.Of(4)), new Tensor("out", DataType.Int16, Shape.Of(4)) };
        var op = new Operator(OpType.Custom, [0], [1]) { CustomCode = "NotASignalOp" };
        var model = new Model([new Subgraph(tensors, [op], [0], [1])]);

        var error = Assert.Throws<InvalidModelException>(() => Interpreter.Create(model, "test"));

        Assert.Contains("operator 0 (CUSTOM:NotASignalOp)", error.Problem, StringComparison.Ordinal);
        Assert.Contains("'NotASignalOp'", error.Problem, StringComparison.Ordinal);
    }

    private static byte[] RunClip(string model, string clip, int frameBytes)
    {
        byte[] audio = File.ReadAllBytes(FrontEndPath($"{clip}.audio.i16.bin"));
        Assert.Equal(16000 * sizeof(short), audio.Length);
        var interpreter = Create(model);
        var features = new byte[Frames * frameBytes];
        for (int i = 0; i < Frames; i++)
        {
            Frame(interpreter, audio, i).CopyTo(features, i * frameBytes);
        }

        return features;
    }

    private static byte[] Frame(Interpreter interpreter, byte[] audio, int frame)
    {
        interpreter.SetInput(0, audio.AsSpan(frame * Stride * sizeof(short), Window * sizeof(short)));
        interpreter.Invoke();
        return interpreter.GetOutput(0).ToArray();
    }

    private static Interpreter Create(string model) => Interpreter.Create(TfLiteReader.ReadFile(Conformance.ModelPath(model)), model);

    private static string FrontEndPath(string file) => Conformance.PathOf("micro_speech_frontend", file);
}
