using Mote.Graph;

namespace Mote.Cli.Commands;

/// <summary>
/// The facts `mote inspect` shows, in the shape of its JSON output (documented in docs/json/inspect.md):
/// tensors, operators with options, shapes, MACs and bytes, totals, and any validation issues.
/// </summary>
public sealed record ModelDescription(
    string File,
    long FileBytes,
    int SchemaVersion,
    string Description,
    IReadOnlyList<SubgraphDescription> Subgraphs,
    IReadOnlyList<string> Metadata,
    ModelTotals Totals,
    IReadOnlyList<string> Issues)
{
    public static ModelDescription Create(Model model, string file, long fileBytes)
    {
        var subgraphs = model.Subgraphs.Select((s, i) => SubgraphDescription.Create(s, i)).ToList();
        var totals = new ModelTotals(
            subgraphs.Sum(s => s.Operators.Sum(o => o.Macs)),
            model.Subgraphs.Sum(s => s.Tensors.Where(t => t.IsConstant).Sum(t => (long)t.Data!.Value.Count)),
            subgraphs.Sum(s => s.Operators.Count),
            subgraphs.Sum(s => s.Tensors.Count));
        return new ModelDescription(
            file,
            fileBytes,
            model.Version,
            model.Description,
            subgraphs,
            model.Metadata.Select(m => m.Name).ToList(),
            totals,
            GraphValidator.Validate(model).Select(i => i.ToString()).ToList());
    }
}

public sealed record ModelTotals(long Macs, long WeightBytes, int Operators, int Tensors);

public sealed record SubgraphDescription(
    int Index,
    string Name,
    IReadOnlyList<int> Inputs,
    IReadOnlyList<int> Outputs,
    IReadOnlyList<TensorDescription> Tensors,
    IReadOnlyList<OperatorDescription> Operators)
{
    public static SubgraphDescription Create(Subgraph subgraph, int index) => new(
        index,
        subgraph.Name,
        [.. subgraph.Inputs],
        [.. subgraph.Outputs],
        subgraph.Tensors.Select((t, i) => TensorDescription.Create(t, i)).ToList(),
        subgraph.Operators.Select((_, i) => OperatorDescription.Create(subgraph, i)).ToList());
}

public sealed record TensorDescription(
    int Index,
    string Name,
    string Dtype,
    IReadOnlyList<int> Shape,
    long Bytes,
    bool Constant,
    bool Variable,
    QuantizationDescription? Quantization)
{
    public static TensorDescription Create(Tensor tensor, int index) => new(
        index,
        tensor.Name,
        tensor.Type.TfLiteName().ToLowerInvariant(),
        [.. tensor.Shape.Dimensions],
        tensor.ByteSize,
        tensor.IsConstant,
        tensor.IsVariable,
        tensor.Quantization is { HasScales: true } q ? new QuantizationDescription([.. q.Scales], [.. q.ZeroPoints], q.Axis) : null);

    /// <summary>Short form for tables: int8[1,49,10,1].</summary>
    public string Signature => $"{Dtype}[{string.Join(",", Shape)}]";
}

public sealed record QuantizationDescription(IReadOnlyList<float> Scale, IReadOnlyList<long> ZeroPoint, int QuantizedDimension);

public sealed record OperatorDescription(
    int Index,
    string Op,
    int Version,
    IReadOnlyList<int> Inputs,
    IReadOnlyList<int> Outputs,
    IReadOnlyList<IReadOnlyList<int>?> InputShapes,
    IReadOnlyList<IReadOnlyList<int>> OutputShapes,
    object Options,
    long Macs,
    long WeightBytes,
    long ActivationBytes)
{
    public static OperatorDescription Create(Subgraph subgraph, int index)
    {
        var op = subgraph.Operators[index];
        var cost = CostModel.Estimate(subgraph, index);
        return new OperatorDescription(
            index,
            op.DisplayName,
            op.Version,
            [.. op.Inputs],
            [.. op.Outputs],
            op.Inputs.Select(i => i < 0 ? null : (IReadOnlyList<int>)[.. subgraph.Tensors[i].Shape.Dimensions]).ToList(),
            op.Outputs.Select(i => (IReadOnlyList<int>)[.. subgraph.Tensors[i].Shape.Dimensions]).ToList(),
            op.Options,
            cost.Macs,
            cost.WeightBytes,
            cost.ActivationBytes);
    }
}
