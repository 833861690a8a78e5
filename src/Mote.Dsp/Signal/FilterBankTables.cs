using System.Collections.Immutable;

namespace Mote.Dsp.Signal;

/// <summary>
/// The five constant tensors of TFLM's <c>SignalFilterBank</c> (weights, unweights, channel frequency starts,
/// channel weight starts, channel widths) and the FFT bin range they read, built exactly as TFLM's Python
/// <c>filter_bank_ops</c> builds them: HTK mel scale in float32 (<c>1127 ln(1 + f / 700)</c>), channel edges
/// spaced evenly in mel between the band limits, Q<c>scalingBits</c> weights truncated toward zero, and each
/// channel's span padded to the alignment and block size so that a vectorized kernel can run over it.
/// </summary>
public sealed class FilterBankTables
{
    private FilterBankTables(
        ImmutableArray<short> weights,
        ImmutableArray<short> unweights,
        ImmutableArray<short> channelFrequencyStarts,
        ImmutableArray<short> channelWeightStarts,
        ImmutableArray<short> channelWidths,
        int startIndex,
        int endIndex)
    {
        Weights = weights;
        Unweights = unweights;
        ChannelFrequencyStarts = channelFrequencyStarts;
        ChannelWeightStarts = channelWeightStarts;
        ChannelWidths = channelWidths;
        StartIndex = startIndex;
        EndIndex = endIndex;
    }

    public ImmutableArray<short> Weights { get; }

    public ImmutableArray<short> Unweights { get; }

    public ImmutableArray<short> ChannelFrequencyStarts { get; }

    public ImmutableArray<short> ChannelWeightStarts { get; }

    public ImmutableArray<short> ChannelWidths { get; }

    /// <summary>First FFT bin any channel reads (the <c>SignalEnergy</c> start index).</summary>
    public int StartIndex { get; }

    /// <summary>One past the last FFT bin any channel reads (the <c>SignalEnergy</c> end index).</summary>
    public int EndIndex { get; }

    /// <summary>Mel value of a frequency as TFLM's signal library computes it: float32 <c>1127 · log1p(f / 700)</c>.</summary>
    public static float FreqToMel(float frequency) => 1127.0f * (float)Math.Log(1.0 + (frequency / 700.0f));

    /// <param name="spectrumSize">Number of FFT bins, <c>fftLength / 2 + 1</c>.</param>
    /// <param name="alignment">Byte alignment of each channel's first bin (4 in micro speech).</param>
    /// <param name="channelBlockSize">Channel widths are padded to a multiple of this (4 in micro speech).</param>
    public static FilterBankTables Create(
        int spectrumSize,
        int sampleRate,
        int numChannels,
        float lowerBandLimit,
        float upperBandLimit,
        int alignment,
        int channelBlockSize,
        int scalingBits) =>
        Create(spectrumSize, sampleRate, numChannels, lowerBandLimit, upperBandLimit, alignment, channelBlockSize, scalingBits, legacy: false);

    /// <summary>
    /// The tables of TFLM's legacy <c>experimental/microfrontend</c> library (<c>filterbank_util.c</c>, TFLM's
    /// all-float32 copy): the same construction with float32 bin spacing, a start bin of
    /// <c>(int)(1.5 + lower / hzPerBin)</c>, and weights and unweights rounded half up in float32 instead of
    /// truncated. Alignment and block size are fixed at 4 and the weights at Q12.
    /// </summary>
    public static FilterBankTables CreateLegacy(int spectrumSize, int sampleRate, int numChannels, float lowerBandLimit, float upperBandLimit) =>
        Create(spectrumSize, sampleRate, numChannels, lowerBandLimit, upperBandLimit, 4, 4, 12, legacy: true);

    private static FilterBankTables Create(
        int spectrumSize,
        int sampleRate,
        int numChannels,
        float lowerBandLimit,
        float upperBandLimit,
        int alignment,
        int channelBlockSize,
        int scalingBits,
        bool legacy)
    {
        if (lowerBandLimit < 0 || lowerBandLimit > upperBandLimit)
        {
            throw new ArgumentException("The band limits must satisfy 0 <= lower <= upper.");
        }

        int indexAlignment = alignment < sizeof(short) ? 1 : alignment / sizeof(short);
        var frequencyStarts = new short[numChannels + 1];
        var weightStarts = new short[numChannels + 1];
        var widths = new short[numChannels + 1];
        var actualStarts = new int[numChannels + 1];
        var actualWidths = new int[numChannels + 1];
        float[] centers = CenterMels(numChannels + 1, FreqToMel(lowerBandLimit), FreqToMel(upperBandLimit));

        // Bins are spaced over (spectrumSize - 1) intervals, and bin 0 (DC) is skipped, as HTK does.
        double hzPerBin = legacy ? 0.5f * sampleRate / (spectrumSize - 1.0f) : sampleRate / 2.0 / (spectrumSize - 1);
        int startIndex = legacy
            ? (int)(1.5f + (lowerBandLimit / (float)hzPerBin))
            : (int)Math.Round(1 + (lowerBandLimit / hzPerBin), MidpointRounding.ToEven);

        int channelStart = startIndex;
        int weightIndex = 0;
        bool zerosAdded = false;
        for (int channel = 0; channel <= numChannels; channel++)
        {
            int frequency = channelStart;
            while (FreqToMel((float)(frequency * hzPerBin)) <= centers[channel])
            {
                frequency++;
            }

            int width = frequency - channelStart;
            actualStarts[channel] = channelStart;
            actualWidths[channel] = width;
            if (width == 0)
            {
                // An empty channel reads a block of zero weights, placed once at the front of the tables.
                frequencyStarts[channel] = 0;
                weightStarts[channel] = 0;
                widths[channel] = (short)channelBlockSize;
                if (!zerosAdded)
                {
                    zerosAdded = true;
                    for (int j = 0; j < channel; j++)
                    {
                        weightStarts[j] += (short)channelBlockSize;
                    }

                    weightIndex += channelBlockSize;
                }
            }
            else
            {
                int alignedStart = channelStart / indexAlignment * indexAlignment;
                int alignedWidth = channelStart - alignedStart + width;
                int paddedWidth = (((alignedWidth - 1) / channelBlockSize) + 1) * channelBlockSize;
                frequencyStarts[channel] = (short)alignedStart;
                weightStarts[channel] = (short)weightIndex;
                widths[channel] = (short)paddedWidth;
                weightIndex += paddedWidth;
            }

            channelStart = frequency;
        }

        var weights = new short[weightIndex];
        var unweights = new short[weightIndex];
        int endIndex = 0;
        float melLow = FreqToMel(lowerBandLimit);
        for (int channel = 0; channel <= numChannels; channel++)
        {
            int frequency = actualStarts[channel];
            int offset = frequency - frequencyStarts[channel];
            float lowerEdge = channel == 0 ? melLow : centers[channel - 1];
            float denominator = centers[channel] - lowerEdge;
            for (int j = 0; j < actualWidths[channel]; j++)
            {
                float numerator = centers[channel] - FreqToMel((float)(frequency * hzPerBin));
                float weight = numerator / denominator;
                int index = weightStarts[channel] + offset + j;
                weights[index] = legacy
                    ? (short)MathF.Floor((weight * (1 << scalingBits)) + 0.5f)
                    : (short)(int)(weight * (1 << scalingBits));
                unweights[index] = legacy
                    ? (short)MathF.Floor(((1.0f - weight) * (1 << scalingBits)) + 0.5f)
                    : (short)(int)((1.0 - weight) * (1 << scalingBits));
                frequency++;
            }

            endIndex = Math.Max(endIndex, frequency);
        }

        if (endIndex >= spectrumSize)
        {
            throw new ArgumentException("The upper band limit lies above the last FFT bin.");
        }

        return new FilterBankTables(
            [.. weights],
            [.. unweights],
            [.. frequencyStarts],
            [.. weightStarts],
            [.. widths],
            startIndex,
            endIndex);
    }

    private static float[] CenterMels(int count, float melLower, float melUpper)
    {
        float spacing = (melUpper - melLower) / count;
        var centers = new float[count];
        for (int i = 0; i < count; i++)
        {
            centers[i] = melLower + (spacing * (i + 1));
        }

        return centers;
    }
}
