namespace Mote.Runtime.Planning;

/// <summary>
/// The placement step shared by the planners: given an order, put each buffer at the lowest offset where it overlaps
/// (in both time and address) none of the buffers placed before it. Which order is used is the planners' business.
/// </summary>
internal static class FirstFit
{
    /// <summary>Places the buffers in <paramref name="order"/>; writes their offsets and returns the total bytes.</summary>
    public static long Place(IReadOnlyList<BufferRequest> buffers, ReadOnlySpan<int> order, long[] offsets)
    {
        var placed = new List<int>(order.Length);
        var conflicts = new List<(long Start, long End)>(order.Length);
        long total = 0;
        foreach (int index in order)
        {
            long offset = LowestFreeOffset(buffers, placed, offsets, index, conflicts);
            offsets[index] = offset;
            placed.Add(index);
            total = Math.Max(total, offset + buffers[index].Size);
        }

        return total;
    }

    /// <summary>The lowest offset at which buffer <paramref name="index"/> fits between the placed buffers.</summary>
    public static long LowestFreeOffset(
        IReadOnlyList<BufferRequest> buffers,
        List<int> placed,
        long[] offsets,
        int index,
        List<(long Start, long End)> conflicts)
    {
        var buffer = buffers[index];
        conflicts.Clear();
        foreach (int other in placed)
        {
            if (buffers[other].Size > 0 && buffer.OverlapsInTime(buffers[other]))
            {
                conflicts.Add((offsets[other], offsets[other] + buffers[other].Size));
            }
        }

        conflicts.Sort();
        long candidate = 0;
        foreach (var (start, end) in conflicts)
        {
            if (start >= candidate + buffer.Size)
            {
                break;
            }

            candidate = Math.Max(candidate, end);
        }

        return candidate;
    }
}
