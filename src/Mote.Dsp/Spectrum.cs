namespace Mote.Dsp;

/// <summary>Element-wise conversions of a complex spectrum held as separate real and imaginary parts.</summary>
public static class Spectrum
{
    /// <summary><c>re² + im²</c>.</summary>
    public static void Power(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, Span<float> power)
    {
        if (real.Length != imaginary.Length || power.Length < real.Length)
        {
            throw new ArgumentException("Real and imaginary parts must have the same length, and the output as long.");
        }

        for (int i = 0; i < real.Length; i++)
        {
            power[i] = (real[i] * real[i]) + (imaginary[i] * imaginary[i]);
        }
    }

    /// <summary><c>√(re² + im²)</c>.</summary>
    public static void Magnitude(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, Span<float> magnitude)
    {
        Power(real, imaginary, magnitude);
        System.Numerics.Tensors.TensorPrimitives.Sqrt(magnitude[..real.Length], magnitude[..real.Length]);
    }
}
