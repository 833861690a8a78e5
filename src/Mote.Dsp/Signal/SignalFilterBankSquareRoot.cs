namespace Mote.Dsp.Signal;

/// <summary>
/// TFLM <c>SignalFilterBankSquareRoot</c>: integer square root of each uint64 channel energy, shifted right by the
/// scale bits <see cref="SignalFftAutoScale"/> returned (the op's second input). It has no options.
/// </summary>
public static class SignalFilterBankSquareRoot
{
    public static void Apply(ReadOnlySpan<ulong> input, int scaleBits, Span<uint> output)
    {
        if (output.Length < input.Length)
        {
            throw new ArgumentException("The output must be as long as the input.", nameof(output));
        }

        for (int i = 0; i < input.Length; i++)
        {
            output[i] = FixedPointMath.Sqrt64(input[i]) >> scaleBits;
        }
    }
}
