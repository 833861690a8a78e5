using Mote.Dsp.Signal;

namespace Mote.Dsp;

/// <summary>
/// Runs a <see cref="MicroSpeechFrontEnd"/> frame by frame: window, FFT auto-scale, int16 real FFT, energy, mel
/// filter bank, square root, spectral-subtraction noise reduction, PCAN gain control and log, the stages of TFLM's
/// audio_preprocessor models. The noise estimate carries over from one frame to the next (as on one TFLM
/// interpreter) until <see cref="Reset"/>. Not thread-safe; the buffers are allocated once.
/// </summary>
public sealed class MicroSpeechFrontEndProcessor
{
    private readonly MicroSpeechFrontEnd _config;
    private readonly short[] _window;
    private readonly Int16Rfft _fft;
    private readonly FilterBankTables _tables;
    private readonly SignalEnergyOptions _energyOptions;
    private readonly SignalSpectralSubtractionOptions _spectralSubtraction;
    private readonly short[] _gainLut;
    private readonly short[] _samples;
    private readonly short[] _spectrum;
    private readonly uint[] _energy;
    private readonly ulong[] _channelEnergy;
    private readonly uint[] _channels;
    private readonly uint[] _denoised;
    private readonly uint[] _noiseEstimate;

    public MicroSpeechFrontEndProcessor(MicroSpeechFrontEnd config)
    {
        _config = config;
        _window = config.WindowWeights();
        _fft = new Int16Rfft(config.FftLength);
        _tables = config.FilterBankTables();
        _energyOptions = new SignalEnergyOptions(_tables.StartIndex, _tables.EndIndex);
        _spectralSubtraction = config.SpectralSubtractionOptions;
        _gainLut = config.PcanGainLut();
        _samples = new short[config.FftLength];
        _spectrum = new short[2 * _fft.BinCount];
        _energy = new uint[_fft.BinCount];
        _channelEnergy = new ulong[config.NumChannels];
        _channels = new uint[config.NumChannels];
        _denoised = new uint[config.NumChannels];
        _noiseEstimate = new uint[config.NumChannels];
    }

    public MicroSpeechFrontEnd Config => _config;

    /// <summary>Forgets the noise estimate, as a fresh interpreter would start.</summary>
    public void Reset() => Array.Clear(_noiseEstimate);

    /// <summary>Computes the int16 log-mel features of one frame of <c>WindowSamples</c> samples.</summary>
    public void ProcessFrame(ReadOnlySpan<short> frame, Span<short> features)
    {
        int windowSamples = _config.WindowSamples;
        if (frame.Length != windowSamples || features.Length < _config.NumChannels)
        {
            throw new ArgumentException($"A frame has {windowSamples} samples and gives {_config.NumChannels} features.");
        }

        Span<short> windowed = _samples.AsSpan(0, windowSamples);
        SignalWindow.Apply(frame, _window, _config.WindowOptions, windowed);
        int scaleBits = SignalFftAutoScale.Apply(windowed, windowed);
        _samples.AsSpan(windowSamples).Clear(); // zero padding up to the FFT length
        _fft.Apply(_samples, _spectrum);

        // The graph zeroes the energy outside the bins the filter bank reads.
        Array.Clear(_energy);
        SignalEnergy.Apply(_spectrum, _energyOptions, _energy);
        SignalFilterBank.Apply(_energy, _tables, _config.FilterBankOptions, _channelEnergy);
        SignalFilterBankSquareRoot.Apply(_channelEnergy, scaleBits, _channels);
        SignalFilterBankSpectralSubtraction.Apply(_channels, _spectralSubtraction, _noiseEstimate, _denoised);
        SignalPcan.Apply(_denoised, _noiseEstimate, _gainLut, _config.PcanOptions, _channels);
        SignalFilterBankLog.Apply(_channels, _config.LogOptions, features);
    }

    /// <summary>
    /// Features of every whole frame of a clip, row-major [frame][channel], continuing from the current state.
    /// </summary>
    public short[] ProcessClip(ReadOnlySpan<short> audio)
    {
        int channels = _config.NumChannels;
        int frames = _config.FrameCount(audio.Length);
        var features = new short[frames * channels];
        for (int i = 0; i < frames; i++)
        {
            ProcessFrame(
                audio.Slice(i * _config.StrideSamples, _config.WindowSamples),
                features.AsSpan(i * channels, channels));
        }

        return features;
    }
}
