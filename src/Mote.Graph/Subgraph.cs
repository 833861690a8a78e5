namespace Mote.Graph;

/// <summary>A graph: its tensors, its operators in execution order, and which tensors are its inputs and outputs.</summary>
public sealed record Subgraph(
    ValueArray<Tensor> Tensors,
    ValueArray<Operator> Operators,
    ValueArray<int> Inputs,
    ValueArray<int> Outputs)
{
    public string Name { get; init; } = "";
}
