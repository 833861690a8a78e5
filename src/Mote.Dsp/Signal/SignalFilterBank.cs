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
        int channels = options.NumChannels;
        if (tables.ChannelWidths.Length != channels + 1 || output.Length < channels)
        {
            throw new ArgumentException($"The tables need {channels + 1} channel entries and the output {channels} values.");
        }

        ReadOnlySpan<short> weights = tables.Weights.AsSpan();
        ReadOnlySpan<short> unweights = tables.Unweights.AsSpan();
        ulong weighted = 0;
        ulong unweighted = 0;
        for (int i = 0; i <= channels; i++)
        {
            int frequencyStart = tables.ChannelFrequencyStarts[i];
            int weightStart = tables.ChannelWeightStarts[i];
            for (int j = 0; j < tables.ChannelWidths[i]; j++)
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
