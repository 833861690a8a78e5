namespace Mote.Dsp.Tests.Spectral;

/// <summary>
/// A deliberately plain float64 feature pipeline, written from the textbook definitions and sharing no code with
/// Mote.Dsp: naive O(N²) DFT, mel triangles evaluated straight from the formulas, natural log, cosine-sum DCT-II.
/// </summary>
internal static class Float64Reference
{
    public static (double[] Re, double[] Im) Dft(double[] x)
    {
        int n = x.Length;
        var re = new double[(n / 2) + 1];
        var im = new double[(n / 2) + 1];
        for (int k = 0; k < re.Length; k++)
        {
            for (int t = 0; t < n; t++)
            {
                // Reduce the angle's integer part exactly before the trigonometry.
                double angle = -2 * Math.PI * ((long)k * t % n) / n;
                re[k] += x[t] * Math.Cos(angle);
                im[k] += x[t] * Math.Sin(angle);
            }
        }

        return (re, im);
    }

    public static double HzToMel(double hz, MelScale scale) => scale == MelScale.Htk
        ? 2595.0 * Math.Log10(1 + (hz / 700.0))
        : hz <= 1000 ? 3 * hz / 200 : 15 + (27 * Math.Log(hz / 1000) / Math.Log(6.4));

    public static double MelToHz(double mel, MelScale scale) => scale == MelScale.Htk
        ? 700.0 * (Math.Pow(10, mel / 2595.0) - 1)
        : mel <= 15 ? 200 * mel / 3 : 1000 * Math.Pow(6.4, (mel - 15) / 27);

    public static double[,] MelWeights(int sampleRate, int fftLength, int melCount, double minHz, double maxHz, MelScale scale, bool normalize)
    {
        int bins = (fftLength / 2) + 1;
        double lowMel = HzToMel(minHz, scale);
        double highMel = HzToMel(maxHz, scale);
        var weights = new double[melCount, bins];
        for (int m = 0; m < melCount; m++)
        {
            double left = MelToHz(lowMel + ((highMel - lowMel) * m / (melCount + 1)), scale);
            double center = MelToHz(lowMel + ((highMel - lowMel) * (m + 1) / (melCount + 1)), scale);
            double right = MelToHz(lowMel + ((highMel - lowMel) * (m + 2) / (melCount + 1)), scale);
            for (int k = 0; k < bins; k++)
            {
                double hz = k * (double)sampleRate / fftLength;
                double w = hz <= left || hz >= right ? 0 : hz <= center ? (hz - left) / (center - left) : (right - hz) / (right - center);
                weights[m, k] = normalize ? w * 2 / (right - left) : w;
            }
        }

        return weights;
    }

    /// <summary>The same features as <see cref="LogMelFrontEnd.Compute"/>, in float64.</summary>
    public static double[] Features(LogMelFrontEnd config, float[] audio)
    {
        double[,] weights = MelWeights(config.SampleRate, config.FftLength, config.MelCount, config.MinHz, config.MaxHz, config.Scale, config.SlaneyNormalize);
        int frames = config.FrameCount(audio.Length);
        var output = new List<double>();
        for (int f = 0; f < frames; f++)
        {
            var x = new double[config.FftLength];
            for (int t = 0; t < config.WindowLength; t++)
            {
                double cos = Math.Cos(2 * Math.PI * t / config.WindowLength);
                double w = config.Window == WindowKind.Hann ? 0.5 - (0.5 * cos) : 0.54 - (0.46 * cos);
                x[t] = audio[(f * config.Stride) + t] * w;
            }

            var (re, im) = Dft(x);
            var logMel = new double[config.MelCount];
            for (int m = 0; m < config.MelCount; m++)
            {
                double sum = 0;
                for (int k = 0; k < re.Length; k++)
                {
                    sum += weights[m, k] * ((re[k] * re[k]) + (im[k] * im[k]));
                }

                logMel[m] = Math.Log(Math.Max(sum, config.LogFloor));
            }

            if (config.MfccCount == 0)
            {
                output.AddRange(logMel);
                continue;
            }

            int n = config.MelCount;
            for (int k = 0; k < config.MfccCount; k++)
            {
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    sum += logMel[i] * Math.Cos(Math.PI * k * (i + 0.5) / n);
                }

                output.Add(sum * (k == 0 ? Math.Sqrt(1.0 / n) : Math.Sqrt(2.0 / n)));
            }
        }

        return [.. output];
    }

    /// <summary>A 1 s test clip: a 200 → 5000 Hz chirp plus two tones and a little seeded noise.</summary>
    public static float[] Chirp(int sampleRate = 16000, int seed = 1)
    {
        var random = new Random(seed);
        var audio = new float[sampleRate];
        for (int i = 0; i < audio.Length; i++)
        {
            double t = (double)i / sampleRate;
            double chirp = Math.Sin(2 * Math.PI * ((200 * t) + (2400 * t * t)));
            double tones = (0.3 * Math.Sin(2 * Math.PI * 440 * t)) + (0.2 * Math.Sin(2 * Math.PI * 3000 * t));
            audio[i] = (float)((0.5 * chirp) + tones + (0.05 * ((random.NextDouble() * 2) - 1)));
        }

        return audio;
    }
}
