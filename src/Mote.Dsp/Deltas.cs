namespace Mote.Dsp;

/// <summary>
/// Delta (time-derivative) features by the HTK regression formula over ±<c>window</c> frames:
/// <c>d[t] = Σₙ n (c[t+n] − c[t−n]) / (2 Σₙ n²)</c>, n = 1 … window, with the first and last frames repeated at the
/// edges. Apply twice for delta-deltas.
/// </summary>
public static class Deltas
{
    /// <param name="features">Row-major [frames][dimension].</param>
    /// <param name="output">Row-major [frames][dimension], not overlapping the input.</param>
    public static void Compute(ReadOnlySpan<float> features, int dimension, Span<float> output, int window = 2)
    {
        if (dimension < 1 || features.Length % dimension != 0 || output.Length < features.Length || window < 1)
        {
            throw new ArgumentException("Features must be whole frames of the dimension, the output as long, and window >= 1.");
        }

        int frames = features.Length / dimension;
        float denominator = 0;
        for (int n = 1; n <= window; n++)
        {
            denominator += 2 * n * n;
        }

        for (int t = 0; t < frames; t++)
        {
            Span<float> row = output.Slice(t * dimension, dimension);
            row.Clear();
            for (int n = 1; n <= window; n++)
            {
                ReadOnlySpan<float> ahead = features.Slice(Math.Min(t + n, frames - 1) * dimension, dimension);
                ReadOnlySpan<float> behind = features.Slice(Math.Max(t - n, 0) * dimension, dimension);
                for (int d = 0; d < dimension; d++)
                {
                    row[d] += n * (ahead[d] - behind[d]);
                }
            }

            System.Numerics.Tensors.TensorPrimitives.Divide(row, denominator, row);
        }
    }
}
