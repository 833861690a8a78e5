namespace Mote.Runtime.Planning;

/// <summary>
/// Places buffers with known sizes and lifetimes in one arena so that no two buffers alive at the same step share a
/// byte. The three operations of TFLM's <c>MicroMemoryPlanner</c> (add a buffer with its first and last use, get an
/// offset, get the total) become one call: the requests go in, a <see cref="MemoryPlan"/> comes out, so a planner
/// instance holds no state and can be shared.
/// </summary>
public interface IMemoryPlanner
{
    /// <summary>Short name for reports ("greedy-by-size", "search").</summary>
    string Name { get; }

    /// <summary>
    /// Places <paramref name="buffers"/>. Sizes should already be rounded up to the arena's alignment: planners only
    /// place buffers at 0 or at the end of another buffer, so aligned sizes give aligned offsets.
    /// </summary>
    MemoryPlan Plan(IReadOnlyList<BufferRequest> buffers);
}
