using Mote.Dsp.Signal;

namespace Mote.Dsp;

/// <summary>
/// TFLM's legacy <c>experimental/microfrontend</c> C library (the pre-2023 micro_speech feature generator), run
/// with the values of a <see cref="MicroSpeechFrontEnd"/>. It shares the kissfft int16 FFT, the filter-bank
/// accumulation, noise reduction and PCAN arithmetic with the signal library, but differs where the two are not
/// bit-identical: window weights rounded half up from float32 and products truncated to int16 (no saturation);
/// the FFT input shifted by <c>15 − msb(max |window output|)</c> instead of auto-scaled; filter-bank tables from
/// <see cref="FilterBankTables.CreateLegacy"/>; and log features clamped to uint16. Noise-reduction state carries
/// between frames until <see cref="Reset"/>. Not thread-safe.
/// </summary>
public sealed class LegacyMicroFrontEndProcessor
{
    private const int WindowBits = 12;

    private readonly MicroSpeechFrontEnd _config;
    private readonly short[] _window;
    private readonly Int16Rfft _fft;
    private readonly FilterBankTables _tables;
    private readonly SignalEnergyOptions _energyOptions;
    private readonly SignalSpectralSubtractionOptions _noiseReduction;
    private readonly short[] _gainLut;
    private readonly short[] _samples;
    private readonly short[] _spectrum;
    private readonly uint[] _energy;
    private readonly ulong[] _channelEnergy;
    private readonly uint[] _channels;
    private readonly uint[] _denoised;
    private readonly uint[] _noiseEstimate;

    public LegacyMicroFrontEndProcessor(MicroSpeechFrontEnd config)
    {
        _config = config;
        _window = LegacyHannWeights(config.WindowSamples);
        _fft = new Int16Rfft(config.FftLength);
        _tables = FilterBankTables.CreateLegacy(_fft.BinCount, config.SampleRate, config.NumChannels, config.LowerBandLimitHz, config.UpperBandLimitHz);
        _energyOptions = new SignalEnergyOptions(_tables.StartIndex, _tables.EndIndex);
        _noiseReduction = config.SpectralSubtractionOptions with { Clamping = false };
        _gainLut = config.PcanGainLut();
        _samples = new short[config.FftLength];
        _spectrum = new short[2 * _fft.BinCount];
        _energy = new uint[_fft.BinCount];
        _channelEnergy = new ulong[config.NumChannels];
        _channels = new uint[config.NumChannels];
        _denoised = new uint[config.NumChannels];
        _noiseEstimate = new uint[config.NumChannels];
    }

    public void Reset() => Array.Clear(_noiseEstimate);

    /// <summary>The uint16 features (<c>FrontendOutput.values</c>) of one frame of <c>WindowSamples</c> samples.</summary>
    public void ProcessFrame(ReadOnlySpan<short> frame, Span<ushort> features)
    {
        int windowSamples = _config.WindowSamples;
        if (frame.Length != windowSamples || features.Length < _config.NumChannels)
        {
            throw new ArgumentException($"A frame has {windowSamples} samples and gives {_config.NumChannels} features.");
        }

        short maxAbs = 0;
        for (int i = 0; i < windowSamples; i++)
        {
            short value = (short)((frame[i] * _window[i]) >> WindowBits);
            _samples[i] = value;
            short magnitude = value < 0 ? (short)-value : value;
            maxAbs = Math.Max(maxAbs, magnitude);
        }

        int shift = 15 - (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)maxAbs));
        for (int i = 0; i < windowSamples; i++)
        {
            _samples[i] = (short)((ushort)_samples[i] << shift);
        }

        _samples.AsSpan(windowSamples).Clear();
        _fft.Apply(_samples, _spectrum);
        Array.Clear(_energy);
        SignalEnergy.Apply(_spectrum, _energyOptions, _energy);
        SignalFilterBank.Apply(_energy, _tables, _config.FilterBankOptions, _channelEnergy);
        SignalFilterBankSquareRoot.Apply(_channelEnergy, shift, _channels);
        SignalFilterBankSpectralSubtraction.Apply(_channels, _noiseReduction, _noiseEstimate, _denoised);
        SignalPcan.Apply(_denoised, _noiseEstimate, _gainLut, _config.PcanOptions, _channels);

        uint logScale = 1u << _config.PostScalingBits;
        for (int i = 0; i < _config.NumChannels; i++)
        {
            uint scaled = _channels[i] << _config.CorrectionBits;
            uint value = scaled > 1 ? FixedPointMath.Log32(scaled, logScale) : 0;
            features[i] = (ushort)Math.Min(value, ushort.MaxValue);
        }
    }

    /// <summary>Features of every whole frame of a clip, row-major [frame][channel].</summary>
    public ushort[] ProcessClip(ReadOnlySpan<short> audio)
    {
        int channels = _config.NumChannels;
        int frames = _config.FrameCount(audio.Length);
        var features = new ushort[frames * channels];
        for (int i = 0; i < frames; i++)
        {
            ProcessFrame(audio.Slice(i * _config.StrideSamples, _config.WindowSamples), features.AsSpan(i * channels, channels));
        }

        return features;
    }

    // window_util.c (TFLM's float32 copy): the Hann curve in float32, rounded half up to Q12.
    private static short[] LegacyHannWeights(int length)
    {
        var weights = new short[length];
        float arg = MathF.PI * 2.0f / length;
        for (int i = 0; i < length; i++)
        {
            float value = 0.5f - (0.5f * (float)Math.Cos(arg * (i + 0.5f)));
            weights[i] = (short)MathF.Floor((value * (1 << WindowBits)) + 0.5f);
        }

        return weights;
    }
}
