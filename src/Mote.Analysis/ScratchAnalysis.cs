namespace Mote.Analysis;

/// <summary>Working memory an operator uses during its step only, placed in the arena.</summary>
public sealed record ScratchAnalysis(int Operator, long Bytes, long Offset);
