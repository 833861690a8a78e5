namespace Mote.Dsp.Signal;

/// <summary>
/// Options of TFLM's <c>SignalFilterBankSpectralSubtraction</c>, one property per FlexBuffer key
/// (<c>alternate_one_minus_smoothing</c>, <c>alternate_smoothing</c>, <c>clamping</c>, <c>min_signal_remaining</c>,
/// <c>num_channels</c>, <c>one_minus_smoothing</c>, <c>smoothing</c>, <c>smoothing_bits</c>,
/// <c>spectral_subtraction_bits</c>). Smoothing factors are in Q<c>SpectralSubtractionBits</c>.
/// </summary>
public sealed record SignalSpectralSubtractionOptions(
    int NumChannels,
    int Smoothing,
    int OneMinusSmoothing,
    int AlternateSmoothing,
    int AlternateOneMinusSmoothing,
    int SmoothingBits,
    int MinSignalRemaining,
    bool Clamping,
    int SpectralSubtractionBits)
{
    /// <summary>
    /// Quantizes float factors as TFLM's Python wrapper does: truncation to Q<paramref name="spectralSubtractionBits"/>,
    /// and an odd-channel smoothing of 0 meaning "same as even".
    /// </summary>
    public static SignalSpectralSubtractionOptions FromFloat(
        int numChannels,
        double smoothing,
        double alternateSmoothing,
        int smoothingBits,
        double minSignalRemaining,
        bool clamping,
        int spectralSubtractionBits)
    {
        int one = 1 << spectralSubtractionBits;
        int even = (int)(smoothing * one);
        int odd = (int)((alternateSmoothing == 0 ? smoothing : alternateSmoothing) * one);
        return new SignalSpectralSubtractionOptions(
            numChannels,
            even,
            one - even,
            odd,
            one - odd,
            smoothingBits,
            (int)(minSignalRemaining * one),
            clamping,
            spectralSubtractionBits);
    }
}

/// <summary>
/// TFLM <c>SignalFilterBankSpectralSubtraction</c>: noise reduction. A per-channel noise estimate (state carried
/// between frames, zero at start) is smoothed toward the signal and subtracted, keeping at least a floor of the signal.
/// Even and odd channels use different smoothing.
/// </summary>
public static class SignalFilterBankSpectralSubtraction
{
    /// <param name="noiseEstimate">State, updated in place; it is also the op's second output.</param>
    public static void Apply(
        ReadOnlySpan<uint> input,
        SignalSpectralSubtractionOptions options,
        Span<uint> noiseEstimate,
        Span<uint> output)
    {
        int channels = options.NumChannels;
        if (input.Length < channels || noiseEstimate.Length < channels || output.Length < channels)
        {
            throw new ArgumentException($"Input, noise estimate and output need {channels} channels.");
        }

        for (int i = 0; i < channels; i++)
        {
            bool even = (i & 1) == 0;
            uint smoothing = (uint)(even ? options.Smoothing : options.AlternateSmoothing);
            uint oneMinusSmoothing = (uint)(even ? options.OneMinusSmoothing : options.AlternateOneMinusSmoothing);

            uint signalScaledUp = input[i] << options.SmoothingBits;
            noiseEstimate[i] = (uint)((((ulong)signalScaledUp * smoothing) + ((ulong)noiseEstimate[i] * oneMinusSmoothing))
                >> options.SpectralSubtractionBits);

            uint estimateScaledUp = noiseEstimate[i];
            if (estimateScaledUp > signalScaledUp)
            {
                estimateScaledUp = signalScaledUp;
                if (options.Clamping)
                {
                    noiseEstimate[i] = estimateScaledUp;
                }
            }

            uint floor = (uint)(((ulong)input[i] * (uint)options.MinSignalRemaining) >> options.SpectralSubtractionBits);
            uint subtracted = (signalScaledUp - estimateScaledUp) >> options.SmoothingBits;
            output[i] = Math.Max(subtracted, floor);
        }
    }
}
