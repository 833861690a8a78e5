namespace Mote.Graph;

/// <summary>A semantic problem in a graph: where it is and what disagrees.</summary>
public sealed record GraphIssue(int SubgraphIndex, int OperatorIndex, string Message)
{
    public override string ToString() => $"subgraph {SubgraphIndex}, operator {OperatorIndex}: {Message}";
}

/// <summary>
/// Checks that a structurally sound graph also makes sense: declared output shapes agree with the shapes the
/// inputs imply, and quantized operators have the types and quantization TFLite's integer kernels require.
/// </summary>
public static class GraphValidator
{
    public static IReadOnlyList<GraphIssue> Validate(Model model)
    {
        var issues = new List<GraphIssue>();
        for (var s = 0; s < model.Subgraphs.Count; s++)
        {
            var subgraph = model.Subgraphs[s];
            for (var o = 0; o < subgraph.Operators.Count; o++)
            {
                foreach (var message in Check(subgraph, subgraph.Operators[o]))
                {
                    issues.Add(new GraphIssue(s, o, $"{subgraph.Operators[o].DisplayName}: {message}"));
                }
            }
        }

        return issues;
    }

    private static IEnumerable<string> Check(Subgraph subgraph, Operator op)
    {
        if (ShapeInference.InferOutputs(subgraph, op) is { } inferred)
        {
            for (var i = 0; i < inferred.Length && i < op.Outputs.Count; i++)
            {
                var declared = subgraph.Tensors[op.Outputs[i]].Shape;
                if (declared.IsFullyKnown && declared != inferred[i])
                {
                    yield return $"output {i} is declared {declared} but its inputs give {inferred[i]}";
                }
            }
        }

        if (op.Type is OpType.Conv2D or OpType.DepthwiseConv2D or OpType.FullyConnected or OpType.TransposeConv)
        {
            foreach (var message in CheckWeightedOperator(subgraph, op))
            {
                yield return message;
            }
        }
    }

    /// <summary>Integer convolutions and dense layers: int8 weights, int32 (int64 for int16 data) bias, quantized activations.</summary>
    private static IEnumerable<string> CheckWeightedOperator(Subgraph subgraph, Operator op)
    {
        var (dataSlot, weightSlot, biasSlot) = op.Type == OpType.TransposeConv ? (2, 1, 3) : (0, 1, 2);
        var data = Slot(subgraph, op, dataSlot);
        var weights = Slot(subgraph, op, weightSlot);
        if (data is null || weights is null || data.Type is not (DataType.Int8 or DataType.Int16))
        {
            yield break;
        }

        if (weights.Type is not (DataType.Int8 or DataType.Int4))
        {
            yield return $"{data.Type.TfLiteName()} input needs int8 weights, not {weights.Type.TfLiteName()}";
        }

        if (data.Quantization is not { HasScales: true } || weights.Quantization is not { HasScales: true })
        {
            yield return "quantized input and weights need scales";
        }

        var expectedBias = data.Type == DataType.Int16 ? DataType.Int64 : DataType.Int32;
        if (Slot(subgraph, op, biasSlot) is { } bias && bias.Type != expectedBias && !(data.Type == DataType.Int16 && bias.Type == DataType.Int32))
        {
            yield return $"bias must be {expectedBias.TfLiteName()} for {data.Type.TfLiteName()} input, not {bias.Type.TfLiteName()}";
        }

        if (weights.Quantization is { IsPerChannel: true } q)
        {
            var axis = q.Axis;
            if (axis < 0 || axis >= weights.Shape.Rank || weights.Shape[axis] != q.Scales.Count)
            {
                yield return $"weights have {q.Scales.Count} scales but dimension {axis} of {weights.Shape} does not match";
            }
        }
    }

    private static Tensor? Slot(Subgraph subgraph, Operator op, int slot) =>
        slot < op.Inputs.Count && op.Inputs[slot] >= 0 ? subgraph.Tensors[op.Inputs[slot]] : null;
}
