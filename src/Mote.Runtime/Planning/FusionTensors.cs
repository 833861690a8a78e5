using Mote.Graph;

namespace Mote.Runtime.Planning;

/// <summary>The conditions on tensors that <see cref="InPlaceFusion"/> and <see cref="ChainFusion"/> both check.</summary>
internal static class FusionTensors
{
    /// <summary>Whether <paramref name="tensor"/> is an activation the arena holds; -1 (an absent tensor) is not.</summary>
    public static bool InArena(Subgraph subgraph, int tensor) => tensor >= 0 && ArenaLayout.InArena(subgraph.Tensors[tensor]);

    /// <summary>
    /// Whether no operator but <paramref name="reader"/> reads <paramref name="tensor"/> and it is neither a graph input
    /// nor a graph output, so a fusion may leave it unstored.
    /// </summary>
    public static bool ReadOnlyBy(Subgraph subgraph, int tensor, int reader) =>
        !subgraph.Inputs.Contains(tensor)
        && !subgraph.Outputs.Contains(tensor)
        && Enumerable.Range(0, subgraph.Operators.Count).All(step => step == reader || !subgraph.Operators[step].Inputs.Contains(tensor));
}
