namespace Mote.Analysis;

/// <summary>
/// One operator: the shapes it reads and writes, its cost, and its estimated latency on the target (null without one).
/// <see cref="ActivationBytes"/> is input + output + weight + bias bytes, what the layer touches once.
/// </summary>
public sealed record LayerAnalysis(
    int Index,
    string Op,
    IReadOnlyList<IReadOnlyList<int>> Inputs,
    IReadOnlyList<IReadOnlyList<int>> Outputs,
    long Macs,
    long WeightBytes,
    long ActivationBytes,
    long OperatorDataBytes,
    double? LatencyMs);
