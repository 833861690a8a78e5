using Mote.Graph;

namespace Mote.Analysis;

/// <summary>
/// Estimated latency of one operator on a board (an estimate, not a measurement):
/// <code>
/// cycles = MACs / (MACs per cycle of the core × efficiency of the op type)
///        + element operations × cycles per element + fixed overhead per operator
/// seconds = cycles / clock
/// </code>
/// MACs and element operations come from <see cref="CostModel"/>. The int8 rate of the Cortex-M4 row (0.13 MAC per
/// cycle) is calibrated on the MLPerf Tiny v0.5 reference submission on NUCLEO-L4R5ZI (Cortex-M4, 120 MHz, TFLM):
/// keyword spotting ≈ 181 ms for 2.7 M MACs, visual wake words ≈ 603 ms for 7.5 M MACs, image classification ≈ 704 ms
/// for 12.5 M MACs, i.e. 0.10–0.15 MAC per cycle. The other rows scale that by core: the M33 has the M4's DSP
/// extension; the M7 dual-issues (about 2×); the M0+ has no SIMD and no FPU (floats in software); the LX7 is counted
/// like an M4 because Mote's C kernels do not use its vector unit. Float rates are the FPU's (below the int8 SIMD rate).
/// Depthwise convolutions reuse each weight less than convolutions, so they get a lower efficiency.
/// </summary>
public static class LatencyModel
{
    /// <summary>Fixed cycles per operator: kernel dispatch, pointer setup and loop prologues.</summary>
    public const int OverheadCycles = 1000;

    /// <summary>Estimated seconds for operator <paramref name="operatorIndex"/> of <paramref name="subgraph"/>.</summary>
    public static double Seconds(Subgraph subgraph, int operatorIndex, OperatorCost cost, Board board)
    {
        var op = subgraph.Operators[operatorIndex];
        var rates = Rates(board.Core);
        bool isFloat = op.Outputs.Count > 0 && op.Outputs[0] >= 0 && subgraph.Tensors[op.Outputs[0]].Type == DataType.Float32;
        double macsPerCycle = (isFloat ? rates.FloatMacsPerCycle : rates.IntMacsPerCycle) * Efficiency(op.Type);
        double cyclesPerElement = isFloat ? rates.FloatCyclesPerElement : rates.IntCyclesPerElement;
        double cycles = cost.Macs / macsPerCycle + cost.ElementOps * cyclesPerElement + OverheadCycles;
        return cycles / (board.ClockMhz * 1e6);
    }

    private static (double IntMacsPerCycle, double FloatMacsPerCycle, double IntCyclesPerElement, double FloatCyclesPerElement) Rates(CoreClass core) => core switch
    {
        CoreClass.CortexM0Plus => (0.05, 0.012, 6, 80),
        CoreClass.CortexM4 or CoreClass.CortexM33 => (0.13, 0.09, 3, 4),
        CoreClass.CortexM7 => (0.26, 0.2, 1.5, 2),
        CoreClass.XtensaLx7 => (0.13, 0.09, 3, 4),
        _ => throw new ArgumentOutOfRangeException(nameof(core), core, null),
    };

    private static double Efficiency(OpType type) => type switch
    {
        OpType.DepthwiseConv2D => 0.5,
        OpType.Svdf or OpType.UnidirectionalSequenceLstm => 0.6,
        OpType.TransposeConv => 0.7,
        OpType.FullyConnected or OpType.BatchMatMul => 0.8,
        _ => 1.0,
    };
}
