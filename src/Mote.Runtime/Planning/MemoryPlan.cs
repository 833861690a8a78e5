namespace Mote.Runtime.Planning;

/// <summary>A planner's answer: an offset for every requested buffer, in request order, and the bytes they span.</summary>
public sealed class MemoryPlan
{
    private readonly long[] _offsets;

    public MemoryPlan(long[] offsets, long totalBytes)
    {
        _offsets = offsets;
        TotalBytes = totalBytes;
    }

    public int BufferCount => _offsets.Length;

    /// <summary>Arena bytes the plan needs: the highest buffer end.</summary>
    public long TotalBytes { get; }

    public long Offset(int bufferIndex) => _offsets[bufferIndex];
}
