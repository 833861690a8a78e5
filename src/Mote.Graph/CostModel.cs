namespace Mote.Graph;

/// <summary>
/// What one operator costs: multiply-accumulates, other per-element work, and the bytes it touches.
/// <see cref="WeightBytes"/> counts constant inputs (weights, biases, shape operands); input and output bytes count
/// the non-constant tensors the operator reads and writes.
/// </summary>
public readonly record struct OperatorCost(long Macs, long ElementOps, long WeightBytes, long InputBytes, long OutputBytes)
{
    public long ActivationBytes => InputBytes + OutputBytes + WeightBytes;
}

/// <summary>
/// Counts MACs the way papers and vendor tools do: one per weight use in convolutions, fully connected layers,
/// matrix products and recurrent cells. Pools, elementwise ops and softmax do no MACs; their work is counted per
/// element in <see cref="OperatorCost.ElementOps"/> (an approximation used by latency estimates).
/// </summary>
public static class CostModel
{
    public static OperatorCost Estimate(Subgraph subgraph, int operatorIndex)
    {
        var op = subgraph.Operators[operatorIndex];
        long weightBytes = 0, inputBytes = 0, outputBytes = 0;
        foreach (var index in op.Inputs)
        {
            if (index < 0)
            {
                continue;
            }

            var tensor = subgraph.Tensors[index];
            if (tensor.IsConstant)
            {
                weightBytes += tensor.Data!.Value.Count;
            }
            else
            {
                inputBytes += tensor.ByteSize;
            }
        }

        foreach (var index in op.Outputs)
        {
            outputBytes += subgraph.Tensors[index].ByteSize;
        }

        var (macs, elementOps) = Work(subgraph, op);
        return new OperatorCost(macs, elementOps, weightBytes, inputBytes, outputBytes);
    }

    /// <summary>Total MACs of a subgraph.</summary>
    public static long TotalMacs(Subgraph subgraph)
    {
        long total = 0;
        for (var i = 0; i < subgraph.Operators.Count; i++)
        {
            total += Estimate(subgraph, i).Macs;
        }

        return total;
    }

    private static (long Macs, long ElementOps) Work(Subgraph subgraph, Operator op)
    {
        var output = OutputElements(subgraph, op);
        switch (op.Type)
        {
            case OpType.Conv2D:
                {
                    // Filter [out_channels, kh, kw, in_channels]: each output element uses kh·kw·in_channels weights.
                    var filter = InputShape(subgraph, op, 1);
                    return filter is { Rank: 4 } f ? (output * f[1] * f[2] * f[3], output) : (0, output);
                }

            case OpType.DepthwiseConv2D:
                {
                    // Filter [1, kh, kw, out_channels]: each output element uses kh·kw weights.
                    var filter = InputShape(subgraph, op, 1);
                    return filter is { Rank: 4 } f ? (output * f[1] * f[2], output) : (0, output);
                }

            case OpType.TransposeConv:
                {
                    // Filter [out_channels, kh, kw, in_channels], input at index 2: every input element meets kh·kw·out_channels weights.
                    var filter = InputShape(subgraph, op, 1);
                    var input = InputShape(subgraph, op, 2);
                    return filter is { Rank: 4 } f && input is { } x ? (Elements(x) * f[0] * f[1] * f[2], output) : (0, output);
                }

            case OpType.FullyConnected:
                {
                    // Weights [units, depth]: each output element is a dot product of length depth.
                    var weights = InputShape(subgraph, op, 1);
                    return weights is { Rank: 2 } w ? (output * w[1], output) : (0, output);
                }

            case OpType.BatchMatMul:
                {
                    var lhs = InputShape(subgraph, op, 0);
                    var adjX = op.Options is BatchMatMulOptions { AdjX: true };
                    return lhs is { Rank: >= 2 } a ? (output * (adjX ? a[a.Rank - 2] : a[a.Rank - 1]), output) : (0, output);
                }

            case OpType.Svdf:
                {
                    // Feature weights [filters, input_size] and time weights [filters, memory] applied once per batch row.
                    var feature = InputShape(subgraph, op, 1);
                    var time = InputShape(subgraph, op, 2);
                    var input = InputShape(subgraph, op, 0);
                    if (feature is { Rank: 2 } f && time is { Rank: 2 } t && input is { Rank: 2 } x)
                    {
                        return (x[0] * (Elements(f) + Elements(t)), output);
                    }

                    return (0, output);
                }

            case OpType.UnidirectionalSequenceLstm:
                return (LstmMacs(subgraph, op), output);

            case OpType.AveragePool2D or OpType.MaxPool2D or OpType.L2Pool2D:
                return op.Options is Pool2DOptions p ? (0, output * p.FilterWidth * p.FilterHeight) : (0, output);

            case OpType.Mean or OpType.Sum or OpType.ReduceMax or OpType.ReduceMin or OpType.ReduceProd:
                {
                    var input = InputShape(subgraph, op, 0);
                    return (0, input is { } x ? Elements(x) : output);
                }

            case OpType.Softmax or OpType.LogSoftmax:
                // Max, exponent and normalization passes.
                return (0, 3 * output);

            case OpType.Reshape or OpType.Squeeze or OpType.ExpandDims or OpType.Shape:
                return (0, 0);

            default:
                return (0, output);
        }
    }

    private static long LstmMacs(Subgraph subgraph, Operator op)
    {
        // Inputs 1–8 are the input and recurrent weight matrices of the four gates, 16 the optional projection.
        var input = InputShape(subgraph, op, 0);
        var inputToCell = InputShape(subgraph, op, 2);
        if (input is not { Rank: >= 2 } x || inputToCell is not { Rank: 2 } w || w[1] == 0)
        {
            return 0;
        }

        var steps = Elements(x) / w[1];
        long perStep = 0;
        foreach (var slot in (ReadOnlySpan<int>)[1, 2, 3, 4, 5, 6, 7, 8, 16])
        {
            if (InputShape(subgraph, op, slot) is { Rank: 2 } m)
            {
                perStep += Elements(m);
            }
        }

        return steps * perStep;
    }

    private static Shape? InputShape(Subgraph subgraph, Operator op, int slot) =>
        slot < op.Inputs.Count && op.Inputs[slot] >= 0 ? subgraph.Tensors[op.Inputs[slot]].Shape : null;

    private static long OutputElements(Subgraph subgraph, Operator op)
    {
        long total = 0;
        foreach (var index in op.Outputs)
        {
            total += Elements(subgraph.Tensors[index].Shape);
        }

        return total;
    }

    private static long Elements(Shape shape) => Math.Max(0, shape.ElementCount);
}
