namespace Mote.Runtime.Planning;

/// <summary>
/// Bytes alive per step. The largest of them is a lower bound for any plan: the buffers alive at that step must all
/// be present at once, at disjoint addresses.
/// </summary>
public static class LiveBytes
{
    /// <summary>The largest total size of the buffers alive at one step, and the first step where it occurs (-1 if none).</summary>
    public static (long Bytes, int Step) Peak(IReadOnlyList<BufferRequest> buffers)
    {
        var events = new List<(int Step, long Delta)>(buffers.Count * 2);
        foreach (var buffer in buffers)
        {
            events.Add((buffer.FirstStep, buffer.Size));
            events.Add((buffer.LastStep + 1, -buffer.Size));
        }

        // Sorting by (step, delta) puts a step's releases before its allocations: a buffer ending at step s-1 and one
        // starting at s never coexist.
        events.Sort();
        long live = 0;
        long peak = 0;
        int peakStep = -1;
        foreach (var (step, delta) in events)
        {
            live += delta;
            if (live > peak)
            {
                peak = live;
                peakStep = step;
            }
        }

        return (peak, peakStep);
    }
}
