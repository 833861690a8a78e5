namespace Mote.Compress.Quantization;

/// <summary>
/// Chooses a clipping range from a <see cref="Histogram"/>. Both methods keep zero inside the range, as the int8
/// grid must, and only move the ends inwards.
/// </summary>
public static class RangeSelection
{
    // Candidate ends tried per side by the MSE search; the search is exhaustive over these pairs.
    private const int MseCandidatesPerSide = 64;

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
    /// The range [lo, hi] (bin edges around zero) minimising the squared quantization error of the counted values,
    /// each taken as uniform within its bin: inside the range, the mean squared rounding error on the grid of step
    /// Δ = (hi − lo)/255 through zero (exact zeros cost nothing); outside, the squared distance to the nearer end.
    /// </summary>
    public static TensorRange MinimumMse(Histogram histogram)
    {
        var bins = histogram.Bins;
        var width = histogram.BinWidth;
        if (histogram.Total == histogram.Zeros || width == 0)
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

        // E[(x − end)²] for x uniform in a bin of centre c is (c − end)² + width²/12.
        double Clipped(int from, int to, double end) =>
            second[to] - second[from] - 2 * end * (first[to] - first[from]) + (end * end + width * width / 12) * (count[to] - count[from]);

        int[] occupied = [.. Enumerable.Range(0, bins).Where(b => histogram[b] > 0)];
        double Rounding(int low, int high, double step)
        {
            var error = 0.0;
            foreach (var b in occupied.Where(b => b >= low && b < high))
            {
                error += histogram[b] * MeanRoundingError(histogram.Edge(b), histogram.Edge(b + 1), step);
            }

            return error;
        }

        // The edge at (or just below) zero splits the candidates: low ends at or left of it, high ends at or right.
        var zeroEdge = (int)Math.Clamp(Math.Round(-histogram.Lower / width), 0, bins);
        var best = (Error: double.PositiveInfinity, Low: 0, High: bins);
        foreach (var low in Candidates(0, zeroEdge))
        {
            foreach (var high in Candidates(zeroEdge, bins))
            {
                var lo = Math.Min(histogram.Edge(low), 0);
                var hi = Math.Max(histogram.Edge(high), 0);
                var step = (hi - lo) / (Int8Quantization.Max - Int8Quantization.Min);
                var clipped = Clipped(0, low, lo) + Clipped(high, bins, hi);
                if (clipped < best.Error && step > 0)
                {
                    var error = clipped + Rounding(low, high, step);
                    if (error < best.Error)
                    {
                        best = (error, low, high);
                    }
                }
            }
        }

        return new TensorRange((float)Math.Min(histogram.Edge(best.Low), 0), (float)Math.Max(histogram.Edge(best.High), 0));
    }

    /// <summary>Mean of (x − round(x / step)·step)² for x uniform in [a, b]: exact piece by piece between rounding boundaries.</summary>
    private static double MeanRoundingError(double a, double b, double step)
    {
        if (b - a >= step)
        {
            return step * step / 12;
        }

        var total = 0.0;
        for (var x = a; x < b;)
        {
            var k = Math.Floor(x / step + 0.5);
            var end = Math.Min(b, (k + 0.5) * step);
            total += (Math.Pow(end - k * step, 3) - Math.Pow(x - k * step, 3)) / 3;
            x = end > x ? end : b;
        }

        return total / (b - a);
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
