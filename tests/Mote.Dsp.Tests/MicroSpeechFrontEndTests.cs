using Mote.Dsp.Signal;
using Mote.Testing;

namespace Mote.Dsp.Tests;

/// <summary>
/// The micro-speech front end against TFLM's goldens (micro_speech_frontend/, generator (a)): the
/// audio_preprocessor models run by TFLM on 49 frames of each clip on one interpreter.
/// </summary>
public sealed class MicroSpeechFrontEndTests
{
    private const string Folder = "micro_speech_frontend";

    [ConformanceTheory]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("chirp_noise")]
    public void Int8_features_match_TFLM_exactly(string clip)
    {
        short[] features = Features(clip);
        sbyte[] expected = Conformance.ReadArray<sbyte>(Folder, $"{clip}.features_int8.bin");

        sbyte[] actual = features.Select(MicroSpeechFrontEnd.ToInt8).ToArray();

        Assert.Equal(49 * 40, expected.Length);
        Assert.Equal(expected, actual);
    }

    [ConformanceTheory]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("chirp_noise")]
    public void Float_features_match_TFLM_exactly(string clip)
    {
        var config = new MicroSpeechFrontEnd();
        short[] features = Features(clip);
        float[] expected = Conformance.ReadArray<float>(Folder, $"{clip}.features_float32.bin");

        float[] actual = features.Select(config.ToFloat).ToArray();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Derived_configuration_matches_the_micro_speech_model()
    {
        var config = new MicroSpeechFrontEnd();

        Assert.Equal(480, config.WindowSamples);
        Assert.Equal(320, config.StrideSamples);
        Assert.Equal(512, config.FftLength);
        Assert.Equal(3, config.CorrectionBits);
        Assert.Equal(49, config.FrameCount(16000));
        Assert.Equal(new SignalSpectralSubtractionOptions(40, 409, 15975, 983, 15401, 10, 819, false, 14), config.SpectralSubtractionOptions);
        Assert.Equal(new SignalFilterBankLogOptions(3, 64), config.LogOptions);
    }

    [Fact]
    public void Reset_restores_the_initial_state()
    {
        var processor = new MicroSpeechFrontEndProcessor(new MicroSpeechFrontEnd());
        var audio = new short[16000];
        var random = new Random(7);
        for (int i = 0; i < audio.Length; i++)
        {
            audio[i] = (short)random.Next(-3000, 3000);
        }

        short[] first = processor.ProcessClip(audio);
        short[] carried = processor.ProcessClip(audio);
        processor.Reset();
        short[] again = processor.ProcessClip(audio);

        Assert.Equal(first, again);
        Assert.NotEqual(first, carried);
    }

    [ConformanceTheory]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("chirp_noise")]
    public void Legacy_microfrontend_matches_TFLM_exactly(string clip)
    {
        short[] audio = Conformance.ReadArray<short>(Folder, $"{clip}.audio.i16.bin");
        ushort[] expected = Conformance.ReadArray<ushort>(Folder, $"{clip}.legacy_frontend_u16.bin");
        sbyte[] expectedInt8 = Conformance.ReadArray<sbyte>(Folder, $"{clip}.legacy_frontend_int8.bin");

        ushort[] actual = new LegacyMicroFrontEndProcessor(new MicroSpeechFrontEnd()).ProcessClip(audio);

        Assert.Equal(expected, actual);
        Assert.Equal(expectedInt8, actual.Select(v => MicroSpeechFrontEnd.ToInt8((short)v)).ToArray());
    }

    private static short[] Features(string clip)
    {
        short[] audio = Conformance.ReadArray<short>(Folder, $"{clip}.audio.i16.bin");
        return new MicroSpeechFrontEndProcessor(new MicroSpeechFrontEnd()).ProcessClip(audio);
    }
}
