namespace Mote.Dsp;

/// <summary>
/// Triangular mel filters over the bins of a real FFT. Band edges are <c>melCount + 2</c> points evenly spaced in mel
/// between <c>minHz</c> and <c>maxHz</c>; filter m rises linearly (in Hz) from edge m to edge m + 1 and falls to
/// edge m + 2, evaluated at each bin's frequency <c>k · sampleRate / fftLength</c> (librosa's construction).
/// With <c>slaneyNormalize</c> each triangle is scaled by <c>2 / (edge[m+2] − edge[m])</c> so it has unit area.
/// Only the non-zero span of each filter is stored.
/// </summary>
public sealed class MelFilterBank
{
    private readonly int[] _firstBin;
    private readonly float[][] _weights;

    public MelFilterBank(
        int sampleRate,
        int fftLength,
        int melCount,
        double minHz = 0,
        double? maxHz = null,
        MelScale scale = MelScale.Htk,
        bool slaneyNormalize = false)
    {
        double top = maxHz ?? sampleRate / 2.0;
        if (melCount < 1 || minHz < 0 || top <= minHz || top > sampleRate / 2.0)
        {
            throw new ArgumentException("Need at least one mel band and 0 <= minHz < maxHz <= sampleRate / 2.");
        }

        SampleRate = sampleRate;
        FftLength = fftLength;
        MelCount = melCount;
        BinCount = (fftLength / 2) + 1;
        double melMin = Mel.FromHz(minHz, scale);
        double melMax = Mel.FromHz(top, scale);
        var edges = new double[melCount + 2];
        for (int i = 0; i < edges.Length; i++)
        {
            edges[i] = Mel.ToHz(melMin + ((melMax - melMin) * i / (melCount + 1)), scale);
        }

        _firstBin = new int[melCount];
        _weights = new float[melCount][];
        var row = new double[BinCount];
        for (int m = 0; m < melCount; m++)
        {
            double lower = edges[m];
            double center = edges[m + 1];
            double upper = edges[m + 2];
            double norm = slaneyNormalize ? 2.0 / (upper - lower) : 1.0;
            int first = BinCount;
            int last = -1;
            for (int k = 0; k < BinCount; k++)
            {
                double hz = (double)k * sampleRate / fftLength;
                row[k] = Math.Max(0, Math.Min((hz - lower) / (center - lower), (upper - hz) / (upper - center))) * norm;
                if (row[k] > 0)
                {
                    first = Math.Min(first, k);
                    last = k;
                }
            }

            _firstBin[m] = first;
            _weights[m] = last < first ? [] : [.. row[first..(last + 1)].Select(w => (float)w)];
        }
    }

    public int SampleRate { get; }

    public int FftLength { get; }

    public int MelCount { get; }

    /// <summary>Number of FFT bins the filters read, <c>FftLength / 2 + 1</c>.</summary>
    public int BinCount { get; }

    /// <summary>The weight filter <paramref name="mel"/> gives bin <paramref name="bin"/>.</summary>
    public float Weight(int mel, int bin)
    {
        int offset = bin - _firstBin[mel];
        return offset >= 0 && offset < _weights[mel].Length ? _weights[mel][offset] : 0;
    }

    /// <summary>Mel energies from a power (or magnitude) spectrum of <see cref="BinCount"/> bins.</summary>
    public void Apply(ReadOnlySpan<float> spectrum, Span<float> mel)
    {
        if (spectrum.Length != BinCount || mel.Length < MelCount)
        {
            throw new ArgumentException($"Expected {BinCount} bins in and room for {MelCount} mel bands out.");
        }

        for (int m = 0; m < MelCount; m++)
        {
            float[] weights = _weights[m];
            mel[m] = weights.Length == 0
                ? 0
                : System.Numerics.Tensors.TensorPrimitives.Dot(weights, spectrum.Slice(_firstBin[m], weights.Length));
        }
    }
}
