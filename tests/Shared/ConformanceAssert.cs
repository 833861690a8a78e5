using System.Runtime.InteropServices;

namespace Mote.Testing;

/// <summary>
/// Compares an output with TFLM's reference bytes the way the conformance data asks: integer tensors byte for byte,
/// float32 tensors within a tolerance (float kernels follow TFLM's summation order, but exp and the compiler's float
/// code generation may still differ in the last bits).
/// </summary>
public static class ConformanceAssert
{
    public const double RelativeTolerance = 1e-5;
    public const double AbsoluteTolerance = 1e-6;

    /// <param name="dtype">The output's dtype as the manifest names it (<c>FLOAT32</c>, <c>INT8</c>, ...).</param>
    /// <param name="elementSize">Bytes per element, to report mismatches by element.</param>
    /// <param name="expected">TFLM's output bytes.</param>
    /// <param name="actual">The bytes under test.</param>
    /// <param name="output">The output's position, for the message.</param>
    public static void OutputMatches(string dtype, int elementSize, ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, int output)
    {
        if (dtype == "FLOAT32")
        {
            Close(MemoryMarshal.Cast<byte, float>(expected), MemoryMarshal.Cast<byte, float>(actual), output);
        }
        else
        {
            BytesEqual(expected, actual, elementSize, output);
        }
    }

    private static void BytesEqual(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, int elementSize, int output)
    {
        Assert.Equal(expected.Length, actual.Length);
        int mismatch = expected.CommonPrefixLength(actual);
        if (mismatch < expected.Length)
        {
            int count = 0;
            for (int i = 0; i < expected.Length; i += elementSize)
            {
                count += expected.Slice(i, elementSize).SequenceEqual(actual.Slice(i, elementSize)) ? 0 : 1;
            }

            Assert.Fail($"output {output}: {count} of {expected.Length / elementSize} elements differ; first at element {mismatch / elementSize}");
        }
    }

    private static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int output)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = AbsoluteTolerance + (RelativeTolerance * Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"output {output} element {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
