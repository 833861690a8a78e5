using System.Text.Json;
using Mote.Graph;

namespace Mote.Analysis;

/// <summary>
/// What <c>mote analyze</c> reports for a model's main subgraph. Property order is the JSON field order
/// (documented in docs/json/analyze.md). Latency and energy are estimates (see <see cref="LatencyModel"/>).
/// </summary>
public sealed record ModelAnalysis(
    long ArenaBytes,
    long LowerBoundBytes,
    long PersistentBytes,
    long VariableBytes,
    long OperatorDataBytes,
    long PeakRamBytes,
    long FlashBytes,
    long WeightBytes,
    long CodeBytes,
    long Macs,
    string Planner,
    int Alignment,
    int PeakStep,
    IReadOnlyList<LayerAnalysis> Layers,
    IReadOnlyList<TensorAnalysis> Tensors,
    IReadOnlyList<ScratchAnalysis> Scratch,
    TargetVerdict? Target)
{
    /// <summary>Indented snake_case JSON; fields always appear, in declaration order (null when absent).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, MoteJson.Options);
}
