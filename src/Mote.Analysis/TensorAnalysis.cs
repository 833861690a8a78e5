namespace Mote.Analysis;

/// <summary>
/// Where a tensor lives: in the <c>arena</c> (activations, with their lifetime in operator steps) or in the
/// <c>persistent</c> area (variables, alive throughout). <see cref="AliasOf"/> names the tensor whose memory an
/// in-place operator's output reuses.
/// </summary>
public sealed record TensorAnalysis(
    int Index,
    string Name,
    string Dtype,
    IReadOnlyList<int> Shape,
    long Bytes,
    string Area,
    long Offset,
    int FirstStep,
    int LastStep,
    int? AliasOf);
