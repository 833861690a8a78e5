using System.Globalization;
using Mote.Graph;
using Mote.Runtime.Kernels;
using Mote.Runtime.Quantization;
using static Mote.CodeGen.Emitters.ConvLayer;
using static Mote.Runtime.Kernels.UnidirectionalSequenceLstmKernel;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// UNIDIRECTIONAL_SEQUENCE_LSTM, int8 activations and weights with an int16 cell state → mote_lstm_s8. The checks, the
/// rescalings and the biases with the zero points folded in come from the interpreter kernel's Prepare; the hidden and
/// cell states are variable tensors in the state area, so they persist between invocations.
/// </summary>
internal sealed class SequenceLstmEmitter : IOperatorEmitter
{
    private static readonly string[] s_gateNames = ["input_gate", "forget_gate", "cell_gate", "output_gate"];

    public void Emit(LayerContext layer)
    {
        layer.UseRuntime("mote_lstm_s8.h", "mote_lstm_s8.c");
        var lstm = PrepareInteger(layer.KernelContext());
        // mote_lstm_s8 scales the cell state into tanh in int32.
        layer.Require((long)short.MinValue * lstm.TanhMultiplier >= int.MinValue,
            $"the cell state's scale needs a tanh input multiplier of {lstm.TanhMultiplier}, whose product with it overflows int32");

        var gates = new string[GateCount];
        for (int gate = 0; gate < GateCount; gate++)
        {
            var g = lstm.Gates[gate];
            gates[gate] = layer.Params("mote_lstm_gate",
            [
                ("input_weights", layer.InputRef(1 + gate, s_gateNames[gate] + "_input_weights")),
                ("recurrent_weights", layer.InputRef(5 + gate, s_gateNames[gate] + "_recurrent_weights")),
                ("input_bias", InputBias(layer, gate, g.InputBias)),
                ("recurrent_bias", g.RecurrentBias.Any(v => v != 0) ? layer.Int32Array(s_gateNames[gate] + "_recurrent_bias", g.RecurrentBias) : "NULL"),
                ("input_multiplier", Int(g.InputScale.Multiplier)),
                ("input_shift", Int(g.InputScale.Shift)),
                ("recurrent_multiplier", Int(g.RecurrentScale.Multiplier)),
                ("recurrent_shift", Int(g.RecurrentScale.Shift)),
            ], s_gateNames[gate]);
        }

        var size = lstm.Size;
        var table = layer.SharedArray("uint16_t", "sigmoid_table",
            () => [.. LookupActivations.SigmoidTable.ToArray().Select(v => v.ToString(CultureInfo.InvariantCulture))]);
        var parameters = layer.Params("mote_lstm_params",
        [
            ("batches", Int(size.Batches)),
            ("steps", Int(size.Steps)),
            ("inputs", Int(size.Inputs)),
            ("units", Int(size.Units)),
            ("time_major", size.TimeMajor ? "1" : "0"),
            ("input_gate", gates[InputGate]),
            ("forget_gate", gates[ForgetGate]),
            ("cell_gate", gates[CellGate]),
            ("output_gate", gates[OutputGate]),
            ("gate_multiplier", Int(GateMultiplier)),
            ("forget_multiplier", Int(lstm.ForgetTimesCell.Multiplier)),
            ("forget_shift", Int(lstm.ForgetTimesCell.Shift)),
            ("input_multiplier", Int(lstm.InputTimesCellGate.Multiplier)),
            ("input_shift", Int(lstm.InputTimesCellGate.Shift)),
            ("output_multiplier", Int(lstm.OutputTimesTanh.Multiplier)),
            ("output_shift", Int(lstm.OutputTimesTanh.Shift)),
            ("hidden_zero_point", Int(lstm.HiddenZeroPoint)),
            ("cell_clip", Int(lstm.CellClip)),
            ("tanh_multiplier", Int(lstm.TanhMultiplier)),
            ("tanh_shift", Int(lstm.TanhShift)),
            ("sigmoid_table", table),
        ]);
        layer.Body.Line($"mote_lstm_s8({parameters}, {layer.InputRef(0)}, {layer.InputRef(HiddenStateTensor)}, " +
            $"(int16_t*){layer.InputRef(CellStateTensor)}, {layer.OutputRef(0)});");
    }

    /// <summary>The gate's bias (input 12 + gate) with the input zero point folded in: it takes the bias tensor's place, so it carries its comment.</summary>
    private static string InputBias(LayerContext layer, int gate, int[] values)
    {
        if (layer.HasInput(12 + gate))
        {
            layer.CommentInput(12 + gate);
        }

        return layer.Int32Array(s_gateNames[gate] + "_input_bias", values);
    }
}
