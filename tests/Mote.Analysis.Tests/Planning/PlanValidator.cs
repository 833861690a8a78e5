using Mote.Runtime.Planning;

namespace Mote.Analysis.Tests.Planning;

/// <summary>
/// Checks a layout without trusting the planner: any two arena buffers alive at a common step must not share a byte,
/// unless one is the in-place alias of the other (same memory by design).
/// </summary>
internal static class PlanValidator
{
    public static void AssertNoOverlap(ArenaLayout layout)
    {
        var arena = layout.Buffers.Where(b => b.Kind != PlannedBufferKind.Variable && b.Size > 0).ToArray();
        foreach (var b in arena)
        {
            Assert.True(b.Offset >= 0 && b.Offset + b.Size <= layout.ArenaBytes, $"{b} outside the arena of {layout.ArenaBytes} bytes");
        }

        for (int i = 0; i < arena.Length; i++)
        {
            for (int j = i + 1; j < arena.Length; j++)
            {
                var (a, b) = (arena[i], arena[j]);
                bool sameMemory = a.Kind == PlannedBufferKind.Tensor && b.Kind == PlannedBufferKind.Tensor
                    && Root(a) == Root(b);
                bool together = a.FirstStep <= b.LastStep && b.FirstStep <= a.LastStep;
                bool intersect = a.Offset < b.Offset + b.Size && b.Offset < a.Offset + a.Size;
                Assert.False(!sameMemory && together && intersect, $"{a} and {b} overlap");
            }
        }
    }

    private static int Root(PlannedBuffer buffer) => buffer.AliasOf >= 0 ? buffer.AliasOf : buffer.Index;
}
