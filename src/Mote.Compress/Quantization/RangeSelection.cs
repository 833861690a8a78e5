namespace Mote.Compress.Quantization;

/// <summary>
/// Chooses a clipping range from a <see cref="Histogram"/>. Both methods keep zero inside the range, as the int8
/// grid must, and only move the ends inwards.
/// </summary>
public static class RangeSelection
{
    // Candidate ends tried per side by the MSE search; the search is exhaustive over these pairs.
    private const int MseCandidatesPerSide = 256;

    /// <summary>The range from the (100 − p)th to the p-th percentile, to bin resolution (rounded outwards).</summary>
    public static TensorRange Percentile(Histogram histogram, double percentile)
    {
        if (percentile is <= 50 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "must be above 50 and at most 100");
        }

        var tail = (long)Math.Floor(histogram.Total * (100 - percentile) / 100);
        var low = 0;
        for (long below = 0; low < histogram.Bins && below + histogram[low] <= tail; low++)
        {
            below += histogram[low];
        }

        var high = histogram.Bins;
        for (long above = 0; high > 0 && above + histogram[high - 1] <= tail; high--)
        {
            above += histogram[high - 1];
        }

        return new TensorRange((float)Math.Min(histogram.Edge(low), 0), (float)Math.Max(histogram.Edge(high), 0));
    }

    /// <summary>
    /// The range [lo, hi] (bin edges around zero) minimising the expected squared quantization error of the counted
    /// values: a value inside costs the rounding error of a uniform step, Δ²/12 with Δ = (hi − lo)/255 (exact zeros
    /// cost nothing); a value outside costs its distance to the nearer end, squared (taken at its bin's centre).
    /// </summary>
    public static TensorRange MinimumMse(Histogram histogram)
    {
        var bins = histogram.Bins;
        if (histogram.Total == histogram.Zeros || histogram.BinWidth == 0)
        {
            return new TensorRange(histogram.Lower, histogram.Upper);
        }

        // Prefix sums over bins of count, count·centre and count·centre², so a clipped tail's error is O(1).
        var count = new double[bins + 1];
        var first = new double[bins + 1];
        var second = new double[bins + 1];
        for (var b = 0; b < bins; b++)
        {
            var c = histogram.Center(b);
            count[b + 1] = count[b] + histogram[b];
            first[b + 1] = first[b] + histogram[b] * c;
            second[b + 1] = second[b] + histogram[b] * c * c;
        }

        double Clipped(int from, int to, double end) =>
            second[to] - second[from] - 2 * end * (first[to] - first[from]) + end * end * (count[to] - count[from]);

        // The edge at (or just below) zero splits the candidates: low ends at or left of it, high ends at or right.
        var zeroEdge = (int)Math.Clamp(Math.Round(-histogram.Lower / histogram.BinWidth), 0, bins);
        var best = (Error: double.PositiveInfinity, Low: 0, High: bins);
        foreach (var low in Candidates(0, zeroEdge))
        {
            foreach (var high in Candidates(zeroEdge, bins))
            {
                var lo = Math.Min(histogram.Edge(low), 0);
                var hi = Math.Max(histogram.Edge(high), 0);
                var step = (hi - lo) / (Int8Quantization.Max - Int8Quantization.Min);
                var error = Clipped(0, low, lo) + Clipped(high, bins, hi) + (count[high] - count[low]) * step * step / 12;
                if (error < best.Error)
                {
                    best = (error, low, high);
                }
            }
        }

        return new TensorRange((float)Math.Min(histogram.Edge(best.Low), 0), (float)Math.Max(histogram.Edge(best.High), 0));
    }

    /// <summary>Bin edges from <paramref name="from"/> to <paramref name="to"/> inclusive, thinned to a bounded count but keeping both ends.</summary>
    private static IEnumerable<int> Candidates(int from, int to)
    {
        var stride = Math.Max(1, (to - from) / MseCandidatesPerSide);
        for (var edge = from; edge < to; edge += stride)
        {
            yield return edge;
        }

        yield return to;
    }
}
