namespace Mote.Train;

/// <summary>
/// One vertex of a network: a layer applied to earlier nodes (by index), with its output shape (batch excluded).
/// Node 0 is the network input and has no layer.
/// </summary>
public sealed record Node(int Index, Layer? Layer, int[] Inputs, int[] Shape)
{
    public int Size => Layer.Size(Shape);
}

/// <summary>A handle to a node while a <see cref="NetworkBuilder"/> wires a graph.</summary>
public readonly record struct NodeRef(int Index);
