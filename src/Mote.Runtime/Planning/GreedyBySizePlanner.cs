namespace Mote.Runtime.Planning;

/// <summary>
/// TFLM's <c>GreedyMemoryPlanner</c> (tensorflow/lite/micro/memory_planner/greedy_memory_planner.h), the baseline:
/// <list type="number">
/// <item>Sort the buffers by size, largest first (ties: earlier request first).</item>
/// <item>Place the first at offset 0.</item>
/// <item>For each next buffer, look at the already placed buffers whose lifetimes overlap its own, in address order,
/// and put it in the first gap large enough (or above the highest of them).</item>
/// <item>The arena size is the highest end of any buffer.</item>
/// </list>
/// </summary>
public sealed class GreedyBySizePlanner : IMemoryPlanner
{
    public string Name => "greedy-by-size";

    public MemoryPlan Plan(IReadOnlyList<BufferRequest> buffers)
    {
        var offsets = new long[buffers.Count];
        long total = FirstFit.Place(buffers, BySizeDescending(buffers), offsets);
        return new MemoryPlan(offsets, total);
    }

    /// <summary>Buffer indices, largest first; a stable sort keeps request order among equal sizes.</summary>
    internal static int[] BySizeDescending(IReadOnlyList<BufferRequest> buffers) =>
        Enumerable.Range(0, buffers.Count).OrderByDescending(i => buffers[i].Size).ToArray();
}
