using System.Runtime.InteropServices;
using Mote.Dsp.Signal;
using Mote.Graph;
using Mote.Graph.FlexBuffers;
using Mote.Testing;
using Mote.TfLite;

namespace Mote.Dsp.Tests.Signal;

/// <summary>
/// Reads the custom options (FlexBuffers) and constant inputs of TFLM's audio_preprocessor models and checks that
/// <see cref="MicroSpeechFrontEnd"/> derives the same operator options and tables from its configuration.
/// </summary>
public sealed class AudioPreprocessorModelTests
{
    private static readonly MicroSpeechFrontEnd s_config = new();

    public static TheoryData<string> Models => new() { "audio_preprocessor_int8", "audio_preprocessor_float" };

    [ConformanceTheory]
    [MemberData(nameof(Models))]
    public void Window_weights_and_shift_match(string model)
    {
        var (subgraph, op, options) = Find(model, "SignalWindow");

        Assert.Equal(s_config.WindowOptions.Shift, options["shift"].AsInt32());
        Assert.Equal(s_config.WindowWeights(), Constant<short>(subgraph, op, 1));
    }

    [ConformanceTheory]
    [MemberData(nameof(Models))]
    public void Rfft_and_energy_options_match(string model)
    {
        var (_, _, rfft) = Find(model, "SignalRfft");
        var (_, _, energy) = Find(model, "SignalEnergy");
        FilterBankTables tables = s_config.FilterBankTables();

        Assert.Equal(s_config.FftLength, rfft["fft_length"].AsInt32());
        Assert.Equal(7, rfft["T"].AsInt32()); // TensorType INT16
        Assert.Equal(tables.StartIndex, energy["start_index"].AsInt32());
        Assert.Equal(tables.EndIndex, energy["end_index"].AsInt32());
        Assert.Equal(["end_index", "start_index"], energy.Keys.ToArray());
    }

    [ConformanceTheory]
    [MemberData(nameof(Models))]
    public void Filter_bank_tables_match(string model)
    {
        var (subgraph, op, options) = Find(model, "SignalFilterBank");
        FilterBankTables tables = s_config.FilterBankTables();

        Assert.Equal(s_config.NumChannels, options["num_channels"].AsInt32());
        Assert.Equal(tables.Weights, Constant<short>(subgraph, op, 1));
        Assert.Equal(tables.Unweights, Constant<short>(subgraph, op, 2));
        Assert.Equal(tables.ChannelFrequencyStarts, Constant<short>(subgraph, op, 3));
        Assert.Equal(tables.ChannelWeightStarts, Constant<short>(subgraph, op, 4));
        Assert.Equal(tables.ChannelWidths, Constant<short>(subgraph, op, 5));
    }

    [ConformanceTheory]
    [MemberData(nameof(Models))]
    public void Spectral_subtraction_options_match(string model)
    {
        var (_, _, o) = Find(model, "SignalFilterBankSpectralSubtraction");

        var fromModel = new SignalSpectralSubtractionOptions(
            o["num_channels"].AsInt32(),
            o["smoothing"].AsInt32(),
            o["one_minus_smoothing"].AsInt32(),
            o["alternate_smoothing"].AsInt32(),
            o["alternate_one_minus_smoothing"].AsInt32(),
            o["smoothing_bits"].AsInt32(),
            o["min_signal_remaining"].AsInt32(),
            o["clamping"].AsBool(),
            o["spectral_subtraction_bits"].AsInt32());

        Assert.Equal(s_config.SpectralSubtractionOptions, fromModel);
        Assert.Equal("alternate_one_minus_smoothing", o.Keys[0]); // TFLM reads these by index
    }

    [ConformanceTheory]
    [MemberData(nameof(Models))]
    public void Pcan_gain_table_and_log_options_match(string model)
    {
        var (subgraph, op, pcan) = Find(model, "SignalPCAN");
        var (_, _, log) = Find(model, "SignalFilterBankLog");

        Assert.Equal(s_config.PcanOptions.SnrShift, pcan["snr_shift"].AsInt32());
        Assert.Equal(s_config.PcanGainLut(), Constant<short>(subgraph, op, 2));
        Assert.Equal(s_config.LogOptions, new SignalFilterBankLogOptions(log["input_correction_bits"].AsInt32(), log["output_scale"].AsInt32()));
    }

    private static (Subgraph Subgraph, Operator Op, FlexBufferMap Options) Find(string model, string customCode)
    {
        string path = Conformance.PathOf(model, "model.tflite");
        Subgraph subgraph = TfLiteReader.ReadFile(path).Main;
        Operator op = Assert.Single(subgraph.Operators, o => o.CustomCode == customCode);
        return (subgraph, op, FlexBufferMap.Parse(op.CustomOptions.AsSpan(), $"{path}: CUSTOM:{customCode} options"));
    }

    private static T[] Constant<T>(Subgraph subgraph, Operator op, int input)
        where T : struct
    {
        ValueArray<byte>? data = subgraph.Tensors[op.Inputs[input]].Data;
        Assert.NotNull(data);
        return MemoryMarshal.Cast<byte, T>(data.Value.AsSpan()).ToArray();
    }
}
