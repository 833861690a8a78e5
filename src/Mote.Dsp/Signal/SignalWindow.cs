namespace Mote.Dsp.Signal;

/// <summary>Options of TFLM's <c>SignalWindow</c> custom operator (FlexBuffer key <c>shift</c>).</summary>
public sealed record SignalWindowOptions(int Shift);

/// <summary>TFLM <c>SignalWindow</c>: multiplies int16 samples by int16 weights and shifts right, saturating.</summary>
public static class SignalWindow
{
    /// <summary>
    /// <paramref name="input"/> may hold several frames; the weights are applied to each
    /// <c>weights.Length</c>-sample block in turn, as the kernel does for a multi-dimensional input.
    /// </summary>
    public static void Apply(ReadOnlySpan<short> input, ReadOnlySpan<short> weights, SignalWindowOptions options, Span<short> output)
    {
        if (weights.IsEmpty || input.Length % weights.Length != 0 || output.Length < input.Length)
        {
            throw new ArgumentException("The input must be whole frames of the window's length, and the output as long.");
        }

        for (int i = 0; i < input.Length; i++)
        {
            int raw = (input[i] * weights[i % weights.Length]) >> options.Shift;
            output[i] = (short)Math.Clamp(raw, short.MinValue, short.MaxValue);
        }
    }

    /// <summary>
    /// Hann weights in Q<paramref name="shift"/> as TFLM's <c>window_op.hann_window_weights</c> makes them:
    /// <c>0.5 - 0.5 cos(2π (i + 0.5) / n)</c>, rounded half to even.
    /// </summary>
    public static short[] HannWeights(int length, int shift)
    {
        var weights = new short[length];
        double arg = Math.PI * 2 / length;
        for (int i = 0; i < length; i++)
        {
            double w = 0.5 - (0.5 * Math.Cos(arg * (i + 0.5)));
            weights[i] = (short)Math.Round(w * (1 << shift), MidpointRounding.ToEven);
        }

        return weights;
    }
}
