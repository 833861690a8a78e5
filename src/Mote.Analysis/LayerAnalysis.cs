namespace Mote.Analysis;

/// <summary>
/// One operator: the shapes it reads and writes (null for an absent optional input), its cost, and its estimated
/// latency on the target (null without one).
/// <see cref="ActivationBytes"/> is input + output + weight + bias bytes, what the layer touches once.
/// </summary>
public sealed record LayerAnalysis(
    int Index,
    string Op,
    IReadOnlyList<IReadOnlyList<int>?> InputShapes,
    IReadOnlyList<IReadOnlyList<int>?> OutputShapes,
    long Macs,
    long WeightBytes,
    long ActivationBytes,
    long OperatorDataBytes,
    double? LatencyMs);
