namespace Mote.Dsp;

/// <summary>
/// A precomputed plan for the forward DFT of a real signal whose length is a power of two:
/// <c>X[k] = Σ x[n] e^(−2πikn/N)</c> for k = 0 … N/2. The N real samples are packed into N/2 complex ones, transformed
/// by an iterative radix-2 FFT and split into the real spectrum with one more twiddle per bin. Twiddles are computed
/// in double precision once; a plan is immutable and may be shared between threads.
/// </summary>
public sealed class RealFft
{
    private const int StackLimit = 1024;

    private readonly int _half;
    private readonly int[] _bitReverse;
    private readonly float[] _twiddleRe; // e^(−2πik/(N/2)), k < N/4: the complex FFT's twiddles
    private readonly float[] _twiddleIm;
    private readonly float[] _splitRe;   // e^(−2πik/N), k ≤ N/2: separates the even and odd halves
    private readonly float[] _splitIm;

    public RealFft(int length)
    {
        if (length < 2 || !int.IsPow2(length))
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The real FFT length must be a power of two of at least 2.");
        }

        Length = length;
        _half = length / 2;
        int bits = System.Numerics.BitOperations.Log2((uint)_half);
        _bitReverse = new int[_half];
        for (int i = 0; i < _half; i++)
        {
            _bitReverse[i] = bits == 0 ? 0 : (int)(ReverseBits((uint)i) >> (32 - bits));
        }

        _twiddleRe = new float[Math.Max(1, _half / 2)];
        _twiddleIm = new float[_twiddleRe.Length];
        for (int k = 0; k < _half / 2; k++)
        {
            double angle = -2 * Math.PI * k / _half;
            _twiddleRe[k] = (float)Math.Cos(angle);
            _twiddleIm[k] = (float)Math.Sin(angle);
        }

        _splitRe = new float[_half + 1];
        _splitIm = new float[_half + 1];
        for (int k = 0; k <= _half; k++)
        {
            double angle = -2 * Math.PI * k / length;
            _splitRe[k] = (float)Math.Cos(angle);
            _splitIm[k] = (float)Math.Sin(angle);
        }
    }

    public int Length { get; }

    /// <summary>Number of output bins, <c>Length / 2 + 1</c> (DC to Nyquist).</summary>
    public int BinCount => _half + 1;

    /// <summary>The spectrum's real and imaginary parts, <see cref="BinCount"/> values each.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> real, Span<float> imaginary)
    {
        if (input.Length != Length)
        {
            throw new ArgumentException($"Expected {Length} samples, got {input.Length}.", nameof(input));
        }

        if (real.Length < BinCount || imaginary.Length < BinCount)
        {
            throw new ArgumentException($"The outputs need {BinCount} values each.");
        }

        Span<float> zRe = _half <= StackLimit ? stackalloc float[_half] : new float[_half];
        Span<float> zIm = _half <= StackLimit ? stackalloc float[_half] : new float[_half];
        for (int i = 0; i < _half; i++)
        {
            int j = _bitReverse[i];
            zRe[j] = input[2 * i];
            zIm[j] = input[(2 * i) + 1];
        }

        Butterflies(zRe, zIm);

        // X[k] = E[k] + W^k O[k], where E and O are the spectra of the even and odd samples:
        // E = (Z[k] + conj Z[h−k]) / 2 and O = (Z[k] − conj Z[h−k]) / 2i.
        for (int k = 0; k <= _half; k++)
        {
            int a = k % _half;
            int b = (_half - k) % _half;
            float eRe = 0.5f * (zRe[a] + zRe[b]);
            float eIm = 0.5f * (zIm[a] - zIm[b]);
            float oRe = 0.5f * (zIm[a] + zIm[b]);
            float oIm = -0.5f * (zRe[a] - zRe[b]);
            real[k] = eRe + ((_splitRe[k] * oRe) - (_splitIm[k] * oIm));
            imaginary[k] = eIm + ((_splitRe[k] * oIm) + (_splitIm[k] * oRe));
        }
    }

    /// <summary>The power spectrum <c>|X[k]|²</c>, <see cref="BinCount"/> values.</summary>
    public void Power(ReadOnlySpan<float> input, Span<float> power)
    {
        Span<float> re = BinCount <= StackLimit ? stackalloc float[BinCount] : new float[BinCount];
        Span<float> im = BinCount <= StackLimit ? stackalloc float[BinCount] : new float[BinCount];
        Forward(input, re, im);
        Spectrum.Power(re, im, power);
    }

    private void Butterflies(Span<float> re, Span<float> im)
    {
        for (int size = 2; size <= _half; size *= 2)
        {
            int halfSize = size / 2;
            int step = _half / size;
            for (int start = 0; start < _half; start += size)
            {
                for (int j = 0; j < halfSize; j++)
                {
                    float wRe = _twiddleRe[j * step];
                    float wIm = _twiddleIm[j * step];
                    int top = start + j;
                    int bottom = top + halfSize;
                    float tRe = (re[bottom] * wRe) - (im[bottom] * wIm);
                    float tIm = (re[bottom] * wIm) + (im[bottom] * wRe);
                    re[bottom] = re[top] - tRe;
                    im[bottom] = im[top] - tIm;
                    re[top] += tRe;
                    im[top] += tIm;
                }
            }
        }
    }

    private static uint ReverseBits(uint value)
    {
        value = ((value >> 1) & 0x55555555u) | ((value & 0x55555555u) << 1);
        value = ((value >> 2) & 0x33333333u) | ((value & 0x33333333u) << 2);
        value = ((value >> 4) & 0x0F0F0F0Fu) | ((value & 0x0F0F0F0Fu) << 4);
        value = ((value >> 8) & 0x00FF00FFu) | ((value & 0x00FF00FFu) << 8);
        return (value >> 16) | (value << 16);
    }
}
