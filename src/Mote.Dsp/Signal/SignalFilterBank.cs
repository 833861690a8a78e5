namespace Mote.Dsp.Signal;

/// <summary>Options of TFLM's <c>SignalFilterBank</c> (FlexBuffer key <c>num_channels</c>).</summary>
public sealed record SignalFilterBankOptions(int NumChannels);

/// <summary>
/// TFLM <c>SignalFilterBank</c>: accumulates uint32 bin energies into triangular mel channels as uint64. Each bin
/// feeds two neighbouring channels, with <c>weight</c> to one and <c>unweight</c> (1 − weight) to the next, so
/// <c>NumChannels + 1</c> sums are formed and the first (scratch) one is dropped.
/// </summary>
public static class SignalFilterBank
{
    public static void Apply(ReadOnlySpan<uint> input, FilterBankTables tables, SignalFilterBankOptions options, Span<ulong> output)
    {
        ArgumentNullException.ThrowIfNull(tables);
        Apply(
            input,
            tables.Weights.AsSpan(),
            tables.Unweights.AsSpan(),
            tables.ChannelFrequencyStarts.AsSpan(),
            tables.ChannelWeightStarts.AsSpan(),
            tables.ChannelWidths.AsSpan(),
            options,
            output);
    }

    /// <summary>
    /// The same over the five tables as raw spans, the operator's inputs 1 to 5 (weights, unweights, channel frequency
    /// starts, channel weight starts, channel widths), each channel table holding <c>NumChannels + 1</c> entries.
    /// </summary>
    public static void Apply(
        ReadOnlySpan<uint> input,
        ReadOnlySpan<short> weights,
        ReadOnlySpan<short> unweights,
        ReadOnlySpan<short> channelFrequencyStarts,
        ReadOnlySpan<short> channelWeightStarts,
        ReadOnlySpan<short> channelWidths,
        SignalFilterBankOptions options,
        Span<ulong> output)
    {
        int channels = options.NumChannels;
        if (channelFrequencyStarts.Length != channels + 1 || channelWeightStarts.Length != channels + 1
            || channelWidths.Length != channels + 1 || output.Length < channels)
        {
            throw new ArgumentException($"The tables need {channels + 1} channel entries and the output {channels} values.");
        }

        ulong weighted = 0;
        ulong unweighted = 0;
        for (int i = 0; i <= channels; i++)
        {
            int frequencyStart = channelFrequencyStarts[i];
            int weightStart = channelWeightStarts[i];
            for (int j = 0; j < channelWidths[i]; j++)
            {
                ulong energy = input[frequencyStart + j];
                weighted += (ulong)(long)weights[weightStart + j] * energy;
                unweighted += (ulong)(long)unweights[weightStart + j] * energy;
            }

            if (i > 0)
            {
                output[i - 1] = weighted;
            }

            weighted = unweighted;
            unweighted = 0;
        }
    }
}
