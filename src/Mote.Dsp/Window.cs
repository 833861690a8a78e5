namespace Mote.Dsp;

/// <summary>
/// Analysis windows. Periodic windows (the default, as for spectrograms: <c>w[n] = f(2πn / N)</c>) tile with
/// overlap-add; symmetric ones (<c>2πn / (N − 1)</c>) are the filter-design convention.
/// </summary>
public static class Window
{
    /// <summary>Hann: <c>0.5 − 0.5 cos θ</c>.</summary>
    public static float[] Hann(int length, bool periodic = true) => Cosine(length, periodic, 0.5, 0.5);

    /// <summary>Hamming: <c>0.54 − 0.46 cos θ</c>.</summary>
    public static float[] Hamming(int length, bool periodic = true) => Cosine(length, periodic, 0.54, 0.46);

    /// <summary>Multiplies <paramref name="signal"/> by <paramref name="window"/> element by element.</summary>
    public static void Apply(ReadOnlySpan<float> signal, ReadOnlySpan<float> window, Span<float> output)
    {
        if (signal.Length != window.Length || output.Length < signal.Length)
        {
            throw new ArgumentException("Signal and window must have the same length, and the output as long.");
        }

        System.Numerics.Tensors.TensorPrimitives.Multiply(signal, window, output[..signal.Length]);
    }

    private static float[] Cosine(int length, bool periodic, double a0, double a1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var window = new float[length];
        if (length == 1)
        {
            window[0] = 1;
            return window;
        }

        double period = periodic ? length : length - 1;
        for (int i = 0; i < length; i++)
        {
            window[i] = (float)(a0 - (a1 * Math.Cos(2 * Math.PI * i / period)));
        }

        return window;
    }
}
