namespace Mote.Runtime.Planning;

public enum PlannedBufferKind
{
    /// <summary>An activation tensor in the arena; <see cref="PlannedBuffer.Index"/> is its tensor index.</summary>
    Tensor,

    /// <summary>An operator's scratch memory in the arena; the index is the position in the scratch request list.</summary>
    Scratch,

    /// <summary>A variable tensor (LSTM/SVDF state) in the persistent area; the index is its tensor index.</summary>
    Variable,
}

/// <summary>
/// Where one tensor or scratch buffer lives, for reports. <see cref="Size"/> is the exact byte count (the plan
/// reserves it rounded up to the alignment); the steps are operator indices, inclusive. <see cref="AliasOf"/> is the
/// tensor whose memory an in-place operator's output reuses, or -1.
/// </summary>
public sealed record PlannedBuffer(PlannedBufferKind Kind, int Index, long Offset, long Size, int FirstStep, int LastStep)
{
    public int AliasOf { get; init; } = -1;

    public bool IsLiveAt(int step) => FirstStep <= step && step <= LastStep;
}
