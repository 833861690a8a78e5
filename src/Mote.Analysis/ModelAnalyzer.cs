using Mote.Graph;
using Mote.Runtime.Planning;

namespace Mote.Analysis;

/// <summary>
/// Builds a <see cref="ModelAnalysis"/> for the main subgraph of a model: costs per layer from
/// <see cref="CostModel"/>, the arena plan from <see cref="ArenaLayout"/> (search planner, 16-byte alignment),
/// persistent state from <see cref="PersistentStateEstimate"/>, flash as weights + <see cref="CodeSizeEstimate"/>,
/// and, with a board, latency and energy from <see cref="LatencyModel"/> and the fit verdict.
/// </summary>
public static class ModelAnalyzer
{
    /// <param name="scratch">Scratch buffers the kernels request, when known; none by default.</param>
    public static ModelAnalysis Analyze(Model model, Board? board, IReadOnlyList<ScratchRequest>? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var subgraph = model.Main;
        scratch ??= [];
        var layout = ArenaLayout.Create(subgraph, scratch);
        var persistent = PersistentStateEstimate.Estimate(subgraph, layout);

        var layers = new List<LayerAnalysis>(subgraph.Operators.Count);
        double totalSeconds = 0;
        for (int i = 0; i < subgraph.Operators.Count; i++)
        {
            var op = subgraph.Operators[i];
            var cost = CostModel.Estimate(subgraph, i);
            double? seconds = board is null ? null : LatencyModel.Seconds(subgraph, i, cost, board);
            totalSeconds += seconds ?? 0;
            layers.Add(new LayerAnalysis(
                i,
                op.DisplayName,
                Shapes(subgraph, op.Inputs),
                Shapes(subgraph, op.Outputs),
                cost.Macs,
                cost.WeightBytes,
                cost.ActivationBytes,
                PersistentStateEstimate.OperatorDataBytes(subgraph, op),
                seconds is { } s ? Milliseconds(s) : null));
        }

        long weightBytes = WeightBytes(subgraph);
        long codeBytes = CodeSizeEstimate.Bytes(subgraph);
        long peakRam = layout.ArenaBytes + persistent.TotalBytes;
        long flash = weightBytes + codeBytes;
        return new ModelAnalysis(
            layout.ArenaBytes,
            layout.LowerBoundBytes,
            persistent.TotalBytes,
            persistent.VariableBytes,
            persistent.OperatorDataBytes,
            peakRam,
            flash,
            weightBytes,
            codeBytes,
            layers.Sum(l => l.Macs),
            layout.PlannerName,
            ArenaLayout.DefaultAlignment,
            layout.PeakStep,
            layers,
            Tensors(subgraph, layout),
            Scratch(layout),
            board is null ? null : Verdict(subgraph, layout, board, peakRam, flash, totalSeconds));
    }

    private static TargetVerdict Verdict(Subgraph subgraph, ArenaLayout layout, Board board, long peakRam, long flash, double seconds)
    {
        var peak = layout.ArenaBuffersLiveAt(layout.PeakStep)
            .OrderByDescending(b => b.Size)
            .Select(b => b.Kind == PlannedBufferKind.Tensor
                ? new PeakBuffer(b.Index, subgraph.Tensors[b.Index].Name, b.Size)
                : new PeakBuffer(-1, $"scratch of operator {b.FirstStep}", b.Size))
            .ToArray();
        long ramOver = Math.Max(0, peakRam - board.RamBytes);
        long flashOver = Math.Max(0, flash - board.FlashBytes);
        return new TargetVerdict(
            board.Id,
            board.Name,
            ramOver == 0 && flashOver == 0,
            board.RamBytes,
            board.FlashBytes,
            ramOver,
            flashOver,
            peak,
            Milliseconds(seconds),
            Math.Round(seconds * board.ActivePowerMilliwatts, 4));
    }

    private static IReadOnlyList<TensorAnalysis> Tensors(Subgraph subgraph, ArenaLayout layout) =>
        layout.Buffers
            .Where(b => b.Kind != PlannedBufferKind.Scratch)
            .Select(b =>
            {
                var tensor = subgraph.Tensors[b.Index];
                return new TensorAnalysis(
                    b.Index,
                    tensor.Name,
                    tensor.Type.TfLiteName().ToLowerInvariant(),
                    tensor.Shape.Dimensions,
                    b.Size,
                    b.Kind == PlannedBufferKind.Variable ? "persistent" : "arena",
                    b.Offset,
                    b.FirstStep,
                    b.LastStep,
                    b.AliasOf >= 0 ? b.AliasOf : null);
            })
            .ToArray();

    private static IReadOnlyList<ScratchAnalysis> Scratch(ArenaLayout layout) =>
        layout.Buffers
            .Where(b => b.Kind == PlannedBufferKind.Scratch)
            .Select(b => new ScratchAnalysis(b.FirstStep, b.Size, b.Offset))
            .ToArray();

    private static IReadOnlyList<IReadOnlyList<int>?> Shapes(Subgraph subgraph, ValueArray<int> tensors) =>
        tensors.Select(t => t >= 0 ? (IReadOnlyList<int>)subgraph.Tensors[t].Shape.Dimensions : null).ToArray();

    /// <summary>Bytes of the distinct constant tensors the operators read: each weight is stored once.</summary>
    private static long WeightBytes(Subgraph subgraph) =>
        subgraph.Operators
            .SelectMany(op => op.Inputs)
            .Where(t => t >= 0 && subgraph.Tensors[t].IsConstant)
            .Distinct()
            .Sum(t => (long)subgraph.Tensors[t].Data!.Value.Count);

    private static double Milliseconds(double seconds) => Math.Round(seconds * 1000, 4);
}
