using Mote.Graph;
using Mote.Runtime.Planning;

namespace Mote.Analysis;

/// <summary>
/// Estimates the RAM Mote needs outside the arena, counted for a 32-bit device:
/// <list type="bullet">
/// <item>Variable tensors (LSTM/SVDF state): the layout's persistent area, 16-byte aligned.</item>
/// <item>Per operator, <see cref="OperatorBytes"/>: what its Prepare computes once and Eval reads, i.e. one
/// requantization (int32 multiplier, int32 shift), input and output zero points, the activation clamp and the kernel
/// slot: 8 × 4 bytes.</item>
/// <item>Convolutions, depthwise convolutions, transpose convolutions and fully connected layers with per-channel
/// weights: an int32 multiplier and an int32 shift per output channel.</item>
/// <item>LSTM: the requantization of its 4 gates' input and recurrent products, the cell and hidden state scaling and
/// the projection: 24 more multiplier-shift pairs.</item>
/// <item>Stateful audio front-end operators: SignalFilterBankSpectralSubtraction keeps a uint32 noise estimate per
/// channel; SignalRfft keeps its twiddle factors (half the input length, complex, in the input's type) and a bit-reversal
/// table (a uint16 per complex point).</item>
/// </list>
/// Tensor metadata (shapes, offsets) is not counted: Mote's generated C knows it at compile time (flash), and the C#
/// interpreter is not what runs on the device.
/// </summary>
public static class PersistentStateEstimate
{
    /// <summary>Bytes of the fixed part of every operator's data.</summary>
    public const int OperatorBytes = 8 * 4;

    public static PersistentState Estimate(Subgraph subgraph, ArenaLayout layout)
    {
        long operatorBytes = 0;
        foreach (var op in subgraph.Operators)
        {
            operatorBytes += OperatorDataBytes(subgraph, op);
        }

        return new PersistentState(layout.PersistentBytes, operatorBytes);
    }

    /// <summary>Bytes of the data one operator keeps between runs.</summary>
    public static long OperatorDataBytes(Subgraph subgraph, Operator op)
    {
        long bytes = OperatorBytes;
        switch (op.Type)
        {
            case OpType.Conv2D or OpType.DepthwiseConv2D or OpType.FullyConnected or OpType.TransposeConv:
                // TRANSPOSE_CONV's filter is input 1 like the others (input 0 is the output shape).
                var filter = Input(subgraph, op, 1);
                if (filter?.Quantization is { IsPerChannel: true } quantization)
                {
                    bytes += 8L * quantization.Scales.Count;
                }

                break;

            case OpType.UnidirectionalSequenceLstm:
                bytes += 24 * 8;
                break;

            case OpType.Custom when op.CustomCode == "SignalFilterBankSpectralSubtraction":
                bytes += 4 * OutputElements(subgraph, op);
                break;

            case OpType.Custom when op.CustomCode == "SignalRfft":
                var input = Input(subgraph, op, 0);
                if (input is not null)
                {
                    long length = Math.Max(0, input.Shape.ElementCount);
                    bytes += length * input.Type.ElementSize() + length;
                }

                break;
        }

        return bytes;
    }

    private static Tensor? Input(Subgraph subgraph, Operator op, int slot) =>
        slot < op.Inputs.Count && op.Inputs[slot] >= 0 ? subgraph.Tensors[op.Inputs[slot]] : null;

    private static long OutputElements(Subgraph subgraph, Operator op) =>
        op.Outputs.Count > 0 && op.Outputs[0] >= 0 ? Math.Max(0, subgraph.Tensors[op.Outputs[0]].Shape.ElementCount) : 0;
}
