namespace Mote.Dsp.Signal;

/// <summary>
/// The real FFT TFLM's <c>SignalRfft</c> runs for int16 tensors: kissfft v130 built with <c>FIXED_POINT=16</c>
/// (<c>kiss_fftr</c> over a half-length complex <c>kiss_fft</c>). Every butterfly divides its inputs by its radix
/// (Q15 multiply with rounding) so the output never overflows; the result is the spectrum divided by the FFT length.
/// The arithmetic (Q15 twiddles rounded with <c>floor(0.5 + 32767 cos)</c>, radix-4-first factoring, int16
/// wrap-around on every store) is reproduced exactly, so outputs match TFLM bit for bit.
/// </summary>
/// <remarks>A plan is immutable after construction and may be shared between threads.</remarks>
public sealed class Int16Rfft
{
    private const int FracBits = 15;
    private const int SampleMax = short.MaxValue;

    private readonly int _complexLength;
    private readonly short[] _twiddles;      // interleaved re, im; complex FFT of _complexLength points
    private readonly short[] _superTwiddles; // interleaved re, im; splits the packed spectrum into the real one
    private readonly int[] _factors;         // radix, remaining length, radix, remaining length, ...

    /// <param name="fftLength">A power of two from 4 to 32768 (TFLM's micro-speech front end uses 512).</param>
    public Int16Rfft(int fftLength)
    {
        if (fftLength < 4 || !int.IsPow2(fftLength))
        {
            throw new ArgumentOutOfRangeException(nameof(fftLength), fftLength, "The int16 real FFT needs a power of two of at least 4.");
        }

        FftLength = fftLength;
        _complexLength = fftLength / 2;
        _twiddles = new short[2 * _complexLength];
        for (int i = 0; i < _complexLength; i++)
        {
            // Same expression order as kissfft so the double rounding is identical.
            double phase = -2 * Math.PI * i / _complexLength;
            _twiddles[2 * i] = Q15(Math.Cos(phase));
            _twiddles[(2 * i) + 1] = Q15(Math.Sin(phase));
        }

        _superTwiddles = new short[_complexLength];
        for (int i = 0; i < _complexLength / 2; i++)
        {
            double phase = -Math.PI * (((double)(i + 1) / _complexLength) + 0.5);
            _superTwiddles[2 * i] = Q15(Math.Cos(phase));
            _superTwiddles[(2 * i) + 1] = Q15(Math.Sin(phase));
        }

        _factors = Factor(_complexLength);
    }

    public int FftLength { get; }

    /// <summary>Number of complex output bins: <c>FftLength / 2 + 1</c>.</summary>
    public int BinCount => _complexLength + 1;

    /// <summary>
    /// Transforms <see cref="FftLength"/> samples into <see cref="BinCount"/> complex bins stored as interleaved
    /// (real, imaginary) int16 pairs, as TFLM's <c>Complex&lt;int16_t&gt;</c> output tensor.
    /// </summary>
    public void Apply(ReadOnlySpan<short> input, Span<short> output)
    {
        if (input.Length != FftLength)
        {
            throw new ArgumentException($"Expected {FftLength} samples, got {input.Length}.", nameof(input));
        }

        if (output.Length < 2 * BinCount)
        {
            throw new ArgumentException($"The output needs {2 * BinCount} values.", nameof(output));
        }

        // The real input is read as complex pairs (even samples real, odd samples imaginary).
        Span<short> packed = _complexLength <= 1024 ? stackalloc short[2 * _complexLength] : new short[2 * _complexLength];
        Work(packed, 0, input, 0, 1, 0);

        int n = _complexLength;
        short dcRe = DivideByRadix(packed[0], 2);
        short dcIm = DivideByRadix(packed[1], 2);
        output[0] = (short)(dcRe + dcIm);
        output[1] = 0;
        output[2 * n] = (short)(dcRe - dcIm);
        output[(2 * n) + 1] = 0;

        for (int k = 1; k <= n / 2; k++)
        {
            short fpkRe = DivideByRadix(packed[2 * k], 2);
            short fpkIm = DivideByRadix(packed[(2 * k) + 1], 2);
            short fpnkRe = DivideByRadix(packed[2 * (n - k)], 2);
            short fpnkIm = DivideByRadix((short)-packed[(2 * (n - k)) + 1], 2);

            short f1kRe = (short)(fpkRe + fpnkRe);
            short f1kIm = (short)(fpkIm + fpnkIm);
            short f2kRe = (short)(fpkRe - fpnkRe);
            short f2kIm = (short)(fpkIm - fpnkIm);
            Multiply(f2kRe, f2kIm, _superTwiddles[2 * (k - 1)], _superTwiddles[(2 * (k - 1)) + 1], out short twRe, out short twIm);

            output[2 * k] = (short)((f1kRe + twRe) >> 1);
            output[(2 * k) + 1] = (short)((f1kIm + twIm) >> 1);
            output[2 * (n - k)] = (short)((f1kRe - twRe) >> 1);
            output[(2 * (n - k)) + 1] = (short)((twIm - f1kIm) >> 1);
        }
    }

    private static short Q15(double value) => (short)Math.Floor(0.5 + (SampleMax * value));

    private static short Round(int product) => (short)((product + (1 << (FracBits - 1))) >> FracBits);

    private static short DivideByRadix(short value, int radix) => Round(value * (SampleMax / radix));

    private static void Multiply(short aRe, short aIm, short bRe, short bIm, out short re, out short im)
    {
        re = Round((aRe * bRe) - (aIm * bIm));
        im = Round((aRe * bIm) + (aIm * bRe));
    }

    // kissfft's kf_factor: powers of four first, then a single two (only powers of two are accepted here).
    private static int[] Factor(int n)
    {
        var factors = new List<int>();
        while (n > 1)
        {
            int p = n % 4 == 0 ? 4 : 2;
            n /= p;
            factors.Add(p);
            factors.Add(n);
        }

        return [.. factors];
    }

    // Decimation in time: recurse over the radix stages (depth is log4 of the length), then run the butterflies.
    private void Work(Span<short> output, int outIndex, ReadOnlySpan<short> input, int inIndex, int fstride, int factor)
    {
        int p = _factors[factor];
        int m = _factors[factor + 1];
        for (int q = 0; q < p; q++)
        {
            if (m == 1)
            {
                output[2 * (outIndex + q)] = input[2 * inIndex];
                output[(2 * (outIndex + q)) + 1] = input[(2 * inIndex) + 1];
            }
            else
            {
                Work(output, outIndex + (q * m), input, inIndex, fstride * p, factor + 2);
            }

            inIndex += fstride;
        }

        if (p == 4)
        {
            Butterfly4(output, outIndex, fstride, m);
        }
        else
        {
            Butterfly2(output, outIndex, fstride, m);
        }
    }

    private void Butterfly2(Span<short> data, int index, int fstride, int m)
    {
        for (int k = 0; k < m; k++)
        {
            int a = 2 * (index + k);
            int b = 2 * (index + k + m);
            short aRe = DivideByRadix(data[a], 2);
            short aIm = DivideByRadix(data[a + 1], 2);
            short bRe = DivideByRadix(data[b], 2);
            short bIm = DivideByRadix(data[b + 1], 2);
            Multiply(bRe, bIm, _twiddles[2 * k * fstride], _twiddles[(2 * k * fstride) + 1], out short tRe, out short tIm);
            data[b] = (short)(aRe - tRe);
            data[b + 1] = (short)(aIm - tIm);
            data[a] = (short)(aRe + tRe);
            data[a + 1] = (short)(aIm + tIm);
        }
    }

    private void Butterfly4(Span<short> data, int index, int fstride, int m)
    {
        for (int k = 0; k < m; k++)
        {
            int i0 = 2 * (index + k);
            int i1 = 2 * (index + k + m);
            int i2 = 2 * (index + k + (2 * m));
            int i3 = 2 * (index + k + (3 * m));
            short x0Re = DivideByRadix(data[i0], 4);
            short x0Im = DivideByRadix(data[i0 + 1], 4);
            short x1Re = DivideByRadix(data[i1], 4);
            short x1Im = DivideByRadix(data[i1 + 1], 4);
            short x2Re = DivideByRadix(data[i2], 4);
            short x2Im = DivideByRadix(data[i2 + 1], 4);
            short x3Re = DivideByRadix(data[i3], 4);
            short x3Im = DivideByRadix(data[i3 + 1], 4);

            int t1 = 2 * k * fstride;
            int t2 = 2 * k * fstride * 2;
            int t3 = 2 * k * fstride * 3;
            Multiply(x1Re, x1Im, _twiddles[t1], _twiddles[t1 + 1], out short s0Re, out short s0Im);
            Multiply(x2Re, x2Im, _twiddles[t2], _twiddles[t2 + 1], out short s1Re, out short s1Im);
            Multiply(x3Re, x3Im, _twiddles[t3], _twiddles[t3 + 1], out short s2Re, out short s2Im);

            short s5Re = (short)(x0Re - s1Re);
            short s5Im = (short)(x0Im - s1Im);
            x0Re = (short)(x0Re + s1Re);
            x0Im = (short)(x0Im + s1Im);
            short s3Re = (short)(s0Re + s2Re);
            short s3Im = (short)(s0Im + s2Im);
            short s4Re = (short)(s0Re - s2Re);
            short s4Im = (short)(s0Im - s2Im);

            data[i2] = (short)(x0Re - s3Re);
            data[i2 + 1] = (short)(x0Im - s3Im);
            data[i0] = (short)(x0Re + s3Re);
            data[i0 + 1] = (short)(x0Im + s3Im);
            data[i1] = (short)(s5Re + s4Im);
            data[i1 + 1] = (short)(s5Im - s4Re);
            data[i3] = (short)(s5Re - s4Im);
            data[i3 + 1] = (short)(s5Im + s4Re);
        }
    }
}
