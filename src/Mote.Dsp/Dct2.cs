namespace Mote.Dsp;

/// <summary>
/// The orthonormal DCT-II (as <c>scipy.fft.dct(type=2, norm="ortho")</c>), truncated to the first
/// <c>outputCount</c> coefficients: <c>y[k] = s_k Σ x[n] cos(πk(2n + 1) / 2N)</c> with <c>s_0 = √(1/N)</c> and
/// <c>s_k = √(2/N)</c>. The basis is computed once in double precision.
/// </summary>
public sealed class Dct2
{
    private readonly float[] _basis; // [outputCount][inputLength]

    public Dct2(int inputLength, int outputCount)
    {
        if (inputLength < 1 || outputCount < 1 || outputCount > inputLength)
        {
            throw new ArgumentException("Need 1 <= outputCount <= inputLength.");
        }

        InputLength = inputLength;
        OutputCount = outputCount;
        _basis = new float[outputCount * inputLength];
        for (int k = 0; k < outputCount; k++)
        {
            double scale = Math.Sqrt((k == 0 ? 1.0 : 2.0) / inputLength);
            for (int n = 0; n < inputLength; n++)
            {
                _basis[(k * inputLength) + n] = (float)(scale * Math.Cos(Math.PI * k * ((2 * n) + 1) / (2.0 * inputLength)));
            }
        }
    }

    public int InputLength { get; }

    public int OutputCount { get; }

    public void Apply(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != InputLength || output.Length < OutputCount)
        {
            throw new ArgumentException($"Expected {InputLength} inputs and room for {OutputCount} outputs.");
        }

        for (int k = 0; k < OutputCount; k++)
        {
            output[k] = System.Numerics.Tensors.TensorPrimitives.Dot(_basis.AsSpan(k * InputLength, InputLength), input);
        }
    }
}
