using Mote.Graph;

namespace Mote.Compress.Rewrites;

/// <summary>
/// A mutable working copy of a subgraph for the rewrite passes: operators can be replaced or dropped and tensors
/// added; <see cref="Build"/> then drops the tensors nothing refers to any more and renumbers the rest in their
/// original order (so tensor indices stay stable when nothing was removed).
/// </summary>
internal sealed class GraphEditor
{
    private readonly Subgraph _original;

    public GraphEditor(Subgraph graph)
    {
        _original = graph;
        Tensors = [.. graph.Tensors];
        Operators = [.. graph.Operators];
        Outputs = [.. graph.Outputs];
    }

    public List<Tensor> Tensors { get; }

    /// <summary>Operators in execution order; a null entry is an operator removed by a pass.</summary>
    public List<Operator?> Operators { get; }

    public List<int> Outputs { get; }

    public bool IsGraphOutput(int tensor) => Outputs.Contains(tensor);

    /// <summary>Indices of the operators that read <paramref name="tensor"/>.</summary>
    public List<int> Consumers(int tensor)
    {
        var consumers = new List<int>();
        for (var i = 0; i < Operators.Count; i++)
        {
            if (Operators[i] is { } op && op.Inputs.AsSpan().Contains(tensor))
            {
                consumers.Add(i);
            }
        }

        return consumers;
    }

    /// <summary>The one operator reading <paramref name="tensor"/>, when the tensor is not also a graph output.</summary>
    public int? SoleConsumer(int tensor) => !IsGraphOutput(tensor) && Consumers(tensor) is [var only] ? only : null;

    public int AddTensor(Tensor tensor)
    {
        Tensors.Add(tensor);
        return Tensors.Count - 1;
    }

    /// <summary>Makes every operator that read <paramref name="from"/> read <paramref name="to"/> instead.</summary>
    public void RedirectReaders(int from, int to)
    {
        for (var i = 0; i < Operators.Count; i++)
        {
            if (Operators[i] is { } op && op.Inputs.AsSpan().Contains(from))
            {
                Operators[i] = op with { Inputs = [.. op.Inputs.Select(t => t == from ? to : t)] };
            }
        }
    }

    /// <summary>The edited subgraph, and for each old tensor index its new one (-1 for a tensor dropped as unused).</summary>
    public (Subgraph Graph, int[] NewIndex) Build()
    {
        var operators = Operators.OfType<Operator>().ToList();
        var used = new bool[Tensors.Count];
        foreach (var index in _original.Inputs.Concat(Outputs).Concat(operators.SelectMany(op => op.Inputs.Concat(op.Outputs).Concat(op.Intermediates))))
        {
            if (index >= 0)
            {
                used[index] = true;
            }
        }

        var renumbered = new int[Tensors.Count];
        var kept = new List<Tensor>();
        for (var i = 0; i < Tensors.Count; i++)
        {
            renumbered[i] = used[i] ? kept.Count : -1;
            if (used[i])
            {
                kept.Add(Tensors[i]);
            }
        }

        int Map(int index) => index < 0 ? index : renumbered[index];
        ValueArray<int> MapAll(ValueArray<int> indices) => [.. indices.Select(Map)];
        var graph = _original with
        {
            Tensors = [.. kept],
            Operators = [.. operators.Select(op => op with { Inputs = MapAll(op.Inputs), Outputs = MapAll(op.Outputs), Intermediates = MapAll(op.Intermediates) })],
            Inputs = MapAll(_original.Inputs),
            Outputs = [.. Outputs.Select(Map)],
        };
        return (graph, renumbered);
    }
}
