namespace Mote.Dsp.Signal;

/// <summary>Options of TFLM's <c>SignalEnergy</c> (FlexBuffer keys <c>end_index</c>, <c>start_index</c>).</summary>
public sealed record SignalEnergyOptions(int StartIndex, int EndIndex);

/// <summary>TFLM <c>SignalEnergy</c>: squared magnitude of complex int16 bins as uint32.</summary>
public static class SignalEnergy
{
    /// <summary>
    /// Writes <c>re² + im²</c> for bins in [start, end) of the interleaved spectrum. Other output elements are left
    /// untouched, like the kernel (the micro-speech graph zeroes them with a slice and a concatenation).
    /// </summary>
    public static void Apply(ReadOnlySpan<short> spectrum, SignalEnergyOptions options, Span<uint> output)
    {
        if (options.StartIndex < 0 || options.EndIndex > spectrum.Length / 2 || options.EndIndex > output.Length)
        {
            throw new ArgumentException("The index range lies outside the spectrum or the output.", nameof(options));
        }

        for (int i = options.StartIndex; i < options.EndIndex; i++)
        {
            int re = spectrum[2 * i];
            int im = spectrum[(2 * i) + 1];
            output[i] = (uint)((re * re) + (im * im));
        }
    }
}
