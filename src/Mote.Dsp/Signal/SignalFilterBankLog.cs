namespace Mote.Dsp.Signal;

/// <summary>
/// Options of TFLM's <c>SignalFilterBankLog</c> (FlexBuffer keys <c>input_correction_bits</c>, <c>output_scale</c>).
/// </summary>
public sealed record SignalFilterBankLogOptions(int InputCorrectionBits, int OutputScale);

/// <summary>TFLM <c>SignalFilterBankLog</c>: fixed-point natural log of each channel, saturated to int16.</summary>
public static class SignalFilterBankLog
{
    public static void Apply(ReadOnlySpan<uint> input, SignalFilterBankLogOptions options, Span<short> output)
    {
        if (output.Length < input.Length)
        {
            throw new ArgumentException("The output must be as long as the input.", nameof(output));
        }

        for (int i = 0; i < input.Length; i++)
        {
            uint scaled = input[i] << options.InputCorrectionBits;
            output[i] = scaled > 1
                ? (short)Math.Min(FixedPointMath.Log32(scaled, (uint)options.OutputScale), (uint)short.MaxValue)
                : (short)0;
        }
    }
}
