namespace Mote.Dsp.Vibration;

/// <summary>
/// The fixed-length feature vector Mote's anomaly detector reads from one window of a multichannel vibration
/// recording. Per channel, in this order, all as base-10 logarithms so that levels spanning decades weigh alike:
/// <list type="number">
/// <item>RMS, crest factor and kurtosis (overall level and impulsiveness);</item>
/// <item>the mean-square power in <see cref="SpectrumBands"/> log-spaced bands from 10 Hz to Nyquist (shaft orders,
/// their harmonics, the structural resonance);</item>
/// <item>the power of the envelope spectrum in <see cref="EnvelopeBands"/> log-spaced bands from 8 to 800 Hz
/// (bearing defect rates and their modulation), taken after a second difference
/// <c>x[n] − 2x[n−1] + x[n−2]</c>, a high-pass of gain <c>4 sin²(πf/fs)</c> that removes the strong shaft orders so
/// the envelope follows the resonance the impacts ring.</item>
/// </list>
/// </summary>
public sealed class VibrationFeatureVector
{
    public const int SpectrumBands = 24;

    public const int EnvelopeBands = 16;

    private const int Statistics = 3;

    // Floor under every logarithm: far below any sensor's noise, so silence maps to a finite value.
    private const double Floor = 1e-12;

    private readonly FrequencyBand[] _spectrumBands;
    private readonly double[] _envelopeEdges;

    public VibrationFeatureVector(int sampleRate, int windowSamples, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 2000);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        if (windowSamples < 256 || !int.IsPow2(windowSamples))
        {
            throw new ArgumentOutOfRangeException(nameof(windowSamples), "the window must be a power of two of at least 256 samples");
        }

        SampleRate = sampleRate;
        WindowSamples = windowSamples;
        Channels = channels;
        double[] spectrumEdges = LogSpaced(10, sampleRate / 2.0, SpectrumBands);
        spectrumEdges[^1] = double.PositiveInfinity; // the last band includes the Nyquist bin
        _spectrumBands = [.. Enumerable.Range(0, SpectrumBands).Select(b => new FrequencyBand(spectrumEdges[b], spectrumEdges[b + 1]))];
        _envelopeEdges = LogSpaced(8, 800, EnvelopeBands);
    }

    public int SampleRate { get; }

    public int WindowSamples { get; }

    public int Channels { get; }

    public int FeaturesPerChannel => Statistics + SpectrumBands + EnvelopeBands;

    public int Length => Channels * FeaturesPerChannel;

    /// <summary>The features of one window, channel after channel; every channel must hold <see cref="WindowSamples"/> samples.</summary>
    public float[] Compute(IReadOnlyList<float[]> channels)
    {
        if (channels.Count != Channels || channels.Any(c => c.Length != WindowSamples))
        {
            throw new ArgumentException($"expected {Channels} channels of {WindowSamples} samples", nameof(channels));
        }

        var features = new float[Length];
        for (int c = 0; c < Channels; c++)
        {
            ComputeChannel(channels[c], features.AsSpan(c * FeaturesPerChannel, FeaturesPerChannel));
        }

        return features;
    }

    private void ComputeChannel(float[] signal, Span<float> output)
    {
        int i = 0;
        output[i++] = Log(VibrationFeatures.Rms(signal));
        output[i++] = Log(VibrationFeatures.CrestFactor(signal));
        output[i++] = Log(VibrationFeatures.Kurtosis(signal));
        foreach (double power in VibrationFeatures.BandPowers(signal, SampleRate, _spectrumBands))
        {
            output[i++] = Log(power);
        }

        var highPassed = new float[signal.Length];
        for (int n = 2; n < signal.Length; n++)
        {
            highPassed[n] = signal[n] - (2 * signal[n - 1]) + signal[n - 2];
        }

        double[] envelope = EnvelopeSpectrum.Compute(highPassed);
        double binHz = (double)SampleRate / signal.Length;
        for (int b = 0; b < EnvelopeBands; b++)
        {
            double power = 0;
            for (int k = (int)Math.Ceiling(_envelopeEdges[b] / binHz); k * binHz < _envelopeEdges[b + 1] && k < envelope.Length; k++)
            {
                power += envelope[k] * envelope[k];
            }

            output[i++] = Log(power);
        }
    }

    private static float Log(double value) => (float)Math.Log10(value + Floor);

    /// <summary><paramref name="bands"/> + 1 edges from <paramref name="low"/> to <paramref name="high"/> in equal ratios.</summary>
    private static double[] LogSpaced(double low, double high, int bands) =>
        [.. Enumerable.Range(0, bands + 1).Select(b => low * Math.Pow(high / low, (double)b / bands))];
}
