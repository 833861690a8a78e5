namespace Mote.Runtime.Planning;

/// <summary>
/// One buffer for a memory planner: its size in bytes and the first and last execution step (operator index,
/// inclusive) during which it must keep its contents.
/// </summary>
public readonly record struct BufferRequest(long Size, int FirstStep, int LastStep)
{
    /// <summary>True when both buffers must exist at some common step, so they may not share bytes.</summary>
    public bool OverlapsInTime(BufferRequest other) => FirstStep <= other.LastStep && other.FirstStep <= LastStep;
}
