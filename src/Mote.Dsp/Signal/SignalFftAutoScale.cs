namespace Mote.Dsp.Signal;

/// <summary>
/// TFLM <c>SignalFftAutoScale</c>: shifts int16 samples left so that the largest magnitude uses the full range, and
/// returns the shift (the op's second output), which <see cref="SignalFilterBankSquareRoot"/> later undoes.
/// </summary>
public static class SignalFftAutoScale
{
    public static int Apply(ReadOnlySpan<short> input, Span<short> output)
    {
        if (output.Length < input.Length)
        {
            throw new ArgumentException("The output must be as long as the input.", nameof(output));
        }

        // As TFLM's MaxAbs16: -32768 wraps to itself and then reads as a huge unsigned value, giving no shift.
        short max = 0;
        foreach (short value in input)
        {
            if (value > max)
            {
                max = value;
            }
            else if (-value > max)
            {
                max = (short)-value;
            }
        }

        int scaleBits = Math.Max(0, 16 - FixedPointMath.MostSignificantBit32((uint)max) - 1);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = (short)(input[i] * (1 << scaleBits));
        }

        return scaleBits;
    }
}
