namespace Mote.Compress.Quantization;

/// <summary>
/// Counts of a tensor's values in equal bins over a fixed range that includes zero. Exact zeros (ReLU outputs, padding)
/// are counted apart: int8 represents zero exactly, so they never add quantization error.
/// </summary>
public sealed class Histogram
{
    private readonly long[] _counts;

    public Histogram(TensorRange range, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        Lower = range.IsEmpty ? 0f : Math.Min(range.Min, 0f);
        Upper = range.IsEmpty ? 0f : Math.Max(range.Max, 0f);
        _counts = new long[bins];
    }

    public float Lower { get; }

    public float Upper { get; }

    public int Bins => _counts.Length;

    public double BinWidth => ((double)Upper - Lower) / Bins;

    public long Zeros { get; private set; }

    /// <summary>Every value counted, zeros included.</summary>
    public long Total { get; private set; }

    public long this[int bin] => _counts[bin];

    /// <summary>The real value at bin edge <paramref name="edge"/> (0 is <see cref="Lower"/>, <see cref="Bins"/> is <see cref="Upper"/>).</summary>
    public double Edge(int edge) => Lower + edge * BinWidth;

    public double Center(int bin) => Lower + (bin + 0.5) * BinWidth;

    /// <summary>Counts the values; those outside the range (there are none when the range came from the same data) go to the end bins.</summary>
    public void Add(ReadOnlySpan<float> values)
    {
        Total += values.Length;
        var width = BinWidth;
        foreach (var value in values)
        {
            if (value == 0 || width == 0)
            {
                Zeros++;
                continue;
            }

            _counts[Math.Clamp((int)((value - Lower) / width), 0, _counts.Length - 1)]++;
        }
    }
}
