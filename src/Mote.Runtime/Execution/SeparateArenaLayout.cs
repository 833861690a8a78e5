using Mote.Graph;

namespace Mote.Runtime.Execution;

/// <summary>
/// Stand-in for the memory planner: every activation and scratch buffer gets its own 16-byte-aligned region, so no
/// two tensors share memory. Same members as the planner's ArenaLayout, so the interpreter can swap one for the other.
/// </summary>
internal sealed class SeparateArenaLayout
{
    private const long Alignment = 16;

    private readonly long[] _tensorOffsets;
    private readonly long[] _scratchOffsets;
    private readonly long[] _variableOffsets;

    private SeparateArenaLayout(long[] tensorOffsets, long[] scratchOffsets, long[] variableOffsets, long arenaBytes, long persistentBytes)
    {
        _tensorOffsets = tensorOffsets;
        _scratchOffsets = scratchOffsets;
        _variableOffsets = variableOffsets;
        ArenaBytes = arenaBytes;
        PersistentBytes = persistentBytes;
    }

    public long ArenaBytes { get; }

    public long PersistentBytes { get; }

    public static SeparateArenaLayout Create(Subgraph subgraph, IReadOnlyList<ScratchRequest> scratch)
    {
        var tensorOffsets = new long[subgraph.Tensors.Count];
        var variableOffsets = new long[subgraph.Tensors.Count];
        long arena = 0;
        long persistent = 0;
        for (int i = 0; i < subgraph.Tensors.Count; i++)
        {
            var tensor = subgraph.Tensors[i];
            tensorOffsets[i] = -1;
            variableOffsets[i] = -1;
            if (tensor.IsVariable)
            {
                variableOffsets[i] = persistent;
                persistent += Align(tensor.ByteSize);
            }
            else if (!tensor.IsConstant)
            {
                tensorOffsets[i] = arena;
                arena += Align(tensor.ByteSize);
            }
        }

        var scratchOffsets = new long[scratch.Count];
        for (int i = 0; i < scratch.Count; i++)
        {
            scratchOffsets[i] = arena;
            arena += Align(scratch[i].Size);
        }

        return new SeparateArenaLayout(tensorOffsets, scratchOffsets, variableOffsets, arena, persistent);
    }

    public long TensorOffset(int tensorIndex) => _tensorOffsets[tensorIndex];

    public long ScratchOffset(int scratchIndex) => _scratchOffsets[scratchIndex];

    public long VariableOffset(int tensorIndex) => _variableOffsets[tensorIndex];

    private static long Align(long size) => (size + Alignment - 1) / Alignment * Alignment;
}
