using Mote.Dsp.Signal;

namespace Mote.Dsp;

/// <summary>
/// The configuration of TFLM's micro-speech audio front end (the <c>FeatureParams</c> of
/// <c>examples/micro_speech/audio_preprocessor.py</c>; the defaults are those of the micro_speech model). A value
/// that can be stored with a model; <see cref="MicroSpeechFrontEndProcessor"/> runs it. Derived quantities
/// (frame sizes, FFT length, the filter-bank tables, the options of each signal operator) are computed here exactly
/// as TFLM's Python code computes them, so the outputs match TFLM's <c>audio_preprocessor_*.tflite</c> bit for bit.
/// </summary>
public sealed record MicroSpeechFrontEnd
{
    public int SampleRate { get; init; } = 16000;

    public int WindowSizeMs { get; init; } = 30;

    public int WindowStrideMs { get; init; } = 20;

    /// <summary>The Hann window is stored in Q<c>WindowScalingBits</c>.</summary>
    public int WindowScalingBits { get; init; } = 12;

    public int NumChannels { get; init; } = 40;

    public float LowerBandLimitHz { get; init; } = 125.0f;

    public float UpperBandLimitHz { get; init; } = 7500.0f;

    public int FilterBankScalingBits { get; init; } = 12;

    public int FilterBankAlignment { get; init; } = 4;

    public int FilterBankChannelBlockSize { get; init; } = 4;

    /// <summary>The log output is scaled by <c>2^PostScalingBits</c>.</summary>
    public int PostScalingBits { get; init; } = 6;

    public int SpectralSubtractionBits { get; init; } = 14;

    public int SmoothingBits { get; init; } = 10;

    public double EvenSmoothing { get; init; } = 0.025;

    public double OddSmoothing { get; init; } = 0.06;

    public double MinSignalRemaining { get; init; } = 0.05;

    public bool Clamping { get; init; }

    public float PcanStrength { get; init; } = 0.95f;

    public float PcanOffset { get; init; } = 80.0f;

    public int PcanGainBits { get; init; } = 21;

    public int PcanSmoothingBits { get; init; } = 10;

    /// <summary>Float features are the int16 log features divided by this (a historical training convention).</summary>
    public double LegacyOutputScaling { get; init; } = 25.6;

    public int WindowSamples => WindowSizeMs * SampleRate / 1000;

    public int StrideSamples => WindowStrideMs * SampleRate / 1000;

    public int FftLength => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)WindowSamples);

    public int FftLengthLog2 => System.Numerics.BitOperations.Log2((uint)FftLength);

    /// <summary>Fractional bits the PCAN and log stages remove: FFT growth minus half the weight bits.</summary>
    public int CorrectionBits => FftLengthLog2 - (FilterBankScalingBits / 2);

    /// <summary>Number of whole frames in a clip of <paramref name="sampleCount"/> samples.</summary>
    public int FrameCount(int sampleCount) =>
        sampleCount < WindowSamples ? 0 : ((sampleCount - WindowSamples) / StrideSamples) + 1;

    public short[] WindowWeights() => SignalWindow.HannWeights(WindowSamples, WindowScalingBits);

    public FilterBankTables FilterBankTables() => Signal.FilterBankTables.Create(
        (FftLength / 2) + 1,
        SampleRate,
        NumChannels,
        LowerBandLimitHz,
        UpperBandLimitHz,
        FilterBankAlignment,
        FilterBankChannelBlockSize,
        FilterBankScalingBits);

    public SignalWindowOptions WindowOptions => new(WindowScalingBits);

    public SignalRfftOptions RfftOptions => new(FftLength);

    public SignalFilterBankOptions FilterBankOptions => new(NumChannels);

    public SignalSpectralSubtractionOptions SpectralSubtractionOptions => SignalSpectralSubtractionOptions.FromFloat(
        NumChannels,
        EvenSmoothing,
        OddSmoothing,
        SmoothingBits,
        MinSignalRemaining,
        Clamping,
        SpectralSubtractionBits);

    /// <summary>TFLM's Python wrapper computes <c>gain_bits - correction - 12</c> but then always passes 6.</summary>
    public SignalPcanOptions PcanOptions => new(6);

    public short[] PcanGainLut() =>
        SignalPcan.GainLut(PcanStrength, PcanOffset, PcanSmoothingBits - CorrectionBits, PcanGainBits);

    public SignalFilterBankLogOptions LogOptions => new(CorrectionBits, 1 << PostScalingBits);

    /// <summary>
    /// The int8 feature of audio_preprocessor_int8: <c>(feature · 256 + 333) / 666 − 128</c> in integers
    /// (666 = round(25.6 · 26)), clamped to int8.
    /// </summary>
    public static sbyte ToInt8(short feature)
    {
        const int Divisor = 666;
        int value = ((feature * 256) + (Divisor / 2)) / Divisor;
        return (sbyte)Math.Clamp(value - 128, sbyte.MinValue, sbyte.MaxValue);
    }

    /// <summary>
    /// The float feature of audio_preprocessor_float: the graph multiplies by float32(1 / scaling) (the converter's
    /// rewrite of the division).
    /// </summary>
    public float ToFloat(short feature) => feature * (float)(1.0 / LegacyOutputScaling);
}
