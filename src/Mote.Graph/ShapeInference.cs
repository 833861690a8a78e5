namespace Mote.Graph;

/// <summary>
/// Output shapes of an operator from its input shapes, options and constant operands, following TFLite's
/// shape rules. Returns null for operators it does not model or whose shape depends on run-time values.
/// </summary>
public static class ShapeInference
{
    public static Shape[]? InferOutputs(Subgraph subgraph, Operator op)
    {
        // Absent optional inputs read as scalars, which no rank check below accepts.
        Shape In(int slot) => slot < op.Inputs.Count && op.Inputs[slot] >= 0 ? subgraph.Tensors[op.Inputs[slot]].Shape : Shape.Scalar;
        Tensor? Const(int slot) =>
            slot < op.Inputs.Count && op.Inputs[slot] >= 0 && subgraph.Tensors[op.Inputs[slot]].IsConstant
                ? subgraph.Tensors[op.Inputs[slot]]
                : null;

        if (op.Inputs.Count == 0 || op.Inputs[0] < 0)
        {
            return null;
        }

        var single = op.Type switch
        {
            OpType.Conv2D when op.Options is Conv2DOptions o && In(1).Rank == 4 =>
                Window(In(0), In(1)[1], In(1)[2], o.StrideH, o.StrideW, o.DilationH, o.DilationW, o.Padding, In(1)[0]),
            OpType.DepthwiseConv2D when op.Options is DepthwiseConv2DOptions o && In(1).Rank == 4 =>
                Window(In(0), In(1)[1], In(1)[2], o.StrideH, o.StrideW, o.DilationH, o.DilationW, o.Padding, In(1)[3]),
            OpType.AveragePool2D or OpType.MaxPool2D or OpType.L2Pool2D when op.Options is Pool2DOptions o =>
                Window(In(0), o.FilterHeight, o.FilterWidth, o.StrideH, o.StrideW, 1, 1, o.Padding, In(0).Rank == 4 ? In(0)[3] : -1),
            OpType.FullyConnected when op.Options is FullyConnectedOptions o => FullyConnected(In(0), In(1), o),
            OpType.Reshape => Reshape(In(0), Const(1)?.ConstantIntegers(), op.Options as ReshapeOptions),
            OpType.Add or OpType.Sub or OpType.Mul or OpType.Div or OpType.Maximum or OpType.Minimum
                or OpType.SquaredDifference => Broadcast(In(0), In(1)),
            OpType.Softmax or OpType.LogSoftmax or OpType.Logistic or OpType.Tanh or OpType.Relu or OpType.Relu6
                or OpType.ReluN1To1 or OpType.LeakyRelu or OpType.HardSwish or OpType.Quantize or OpType.Dequantize
                or OpType.Cast or OpType.Abs or OpType.Neg or OpType.Exp or OpType.Log or OpType.Sqrt or OpType.Rsqrt
                or OpType.Square or OpType.Elu or OpType.Gelu or OpType.Floor or OpType.Ceil or OpType.Round => In(0),
            OpType.Mean or OpType.Sum or OpType.ReduceMax or OpType.ReduceMin or OpType.ReduceProd =>
                Reduce(In(0), Const(1)?.ConstantIntegers(), op.Options is ReducerOptions { KeepDims: true }),
            OpType.Pad or OpType.PadV2 or OpType.MirrorPad => Pad(In(0), Const(1)?.ConstantIntegers()),
            OpType.Transpose => Transpose(In(0), Const(1)?.ConstantIntegers()),
            OpType.Squeeze when op.Options is SqueezeOptions o => Squeeze(In(0), o.SqueezeDims),
            OpType.Concatenation when op.Options is ConcatenationOptions o => Concatenate(subgraph, op, o.Axis),
            OpType.TransposeConv => Const(0)?.ConstantIntegers() is { } dims ? FromLongs(dims) : null,
            OpType.Shape => Shape.Of(In(0).Rank),
            OpType.BatchMatMul => BatchMatMul(In(0), In(1), op.Options as BatchMatMulOptions),
            _ => (Shape?)null,
        };

        return single is { } shape ? [shape] : null;
    }

    /// <summary>Spatial output of a windowed operator over NHWC input; TFLite's SAME/VALID arithmetic.</summary>
    public static int OutputSize(int input, int filter, int stride, int dilation, Padding padding)
    {
        var effectiveFilter = ((filter - 1) * dilation) + 1;
        return padding == Padding.Same
            ? (input + stride - 1) / stride
            : (input - effectiveFilter + stride) / stride;
    }

    /// <summary>TFLite's ComputePadding: the padding before the first element of a windowed axis (any odd extra goes after).</summary>
    public static int PaddingBefore(int input, int filter, int stride, int dilation, int output) =>
        Math.Max(0, (((output - 1) * stride) + ((filter - 1) * dilation) + 1 - input) / 2);

    private static Shape? Window(Shape input, int kh, int kw, int sh, int sw, int dh, int dw, Padding padding, int channels)
    {
        if (input.Rank != 4 || sh <= 0 || sw <= 0 || dh <= 0 || dw <= 0 || channels < 0)
        {
            return null;
        }

        return Shape.Of(input[0], OutputSize(input[1], kh, sh, dh, padding), OutputSize(input[2], kw, sw, dw, padding), channels);
    }

    private static Shape? FullyConnected(Shape input, Shape weights, FullyConnectedOptions options)
    {
        if (weights.Rank != 2 || weights[1] <= 0)
        {
            return null;
        }

        if (options.KeepNumDims)
        {
            var dims = input.Dimensions.ToArray();
            dims[^1] = weights[0];
            return Shape.Of(dims);
        }

        var count = input.ElementCount;
        return count < 0 ? null : Shape.Of((int)(count / weights[1]), weights[0]);
    }

    private static Shape? Reshape(Shape input, long[]? shapeOperand, ReshapeOptions? options)
    {
        var target = shapeOperand ?? (options is { NewShape.Count: > 0 } ? Array.ConvertAll(options.NewShape.AsSpan().ToArray(), v => (long)v) : null);
        if (target is null)
        {
            return null;
        }

        var total = input.ElementCount;
        long known = 1;
        var unknownAxis = -1;
        for (var i = 0; i < target.Length; i++)
        {
            if (target[i] == -1 && unknownAxis < 0)
            {
                unknownAxis = i;
            }
            else if (target[i] < 0)
            {
                return null;
            }
            else
            {
                known *= target[i];
            }
        }

        var dims = Array.ConvertAll(target, v => (int)v);
        if (unknownAxis >= 0)
        {
            if (known == 0 || total < 0)
            {
                return null;
            }

            dims[unknownAxis] = (int)(total / known);
        }

        return Shape.Of(dims);
    }

    private static Shape? Broadcast(Shape a, Shape b)
    {
        var rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Rank ? 1 : a[i - (rank - a.Rank)];
            var db = i < rank - b.Rank ? 1 : b[i - (rank - b.Rank)];
            if (da != db && da != 1 && db != 1)
            {
                return null;
            }

            dims[i] = da == 1 ? db : da;
        }

        return Shape.Of(dims);
    }

    private static Shape? Reduce(Shape input, long[]? axes, bool keepDims)
    {
        if (axes is null)
        {
            return null;
        }

        var reduced = new bool[input.Rank];
        foreach (var axis in axes)
        {
            var a = axis < 0 ? axis + input.Rank : axis;
            if (a < 0 || a >= input.Rank)
            {
                return null;
            }

            reduced[a] = true;
        }

        var dims = new List<int>();
        for (var i = 0; i < input.Rank; i++)
        {
            if (!reduced[i])
            {
                dims.Add(input[i]);
            }
            else if (keepDims)
            {
                dims.Add(1);
            }
        }

        return Shape.Of([.. dims]);
    }

    private static Shape? Pad(Shape input, long[]? paddings)
    {
        if (paddings is null || paddings.Length != 2 * input.Rank)
        {
            return null;
        }

        var dims = new int[input.Rank];
        for (var i = 0; i < input.Rank; i++)
        {
            dims[i] = (int)(input[i] + paddings[2 * i] + paddings[(2 * i) + 1]);
        }

        return Shape.Of(dims);
    }

    private static Shape? Transpose(Shape input, long[]? permutation)
    {
        if (permutation is null || permutation.Length != input.Rank)
        {
            return null;
        }

        var dims = new int[input.Rank];
        for (var i = 0; i < dims.Length; i++)
        {
            if (permutation[i] < 0 || permutation[i] >= input.Rank)
            {
                return null;
            }

            dims[i] = input[(int)permutation[i]];
        }

        return Shape.Of(dims);
    }

    private static Shape? Squeeze(Shape input, ValueArray<int> squeezeDims)
    {
        var dims = new List<int>();
        for (var i = 0; i < input.Rank; i++)
        {
            var listed = squeezeDims.IsEmpty ? input[i] == 1 : squeezeDims.Any(d => d == i || d + input.Rank == i);
            if (!listed)
            {
                dims.Add(input[i]);
            }
        }

        return Shape.Of([.. dims]);
    }

    private static Shape? Concatenate(Subgraph subgraph, Operator op, int axis)
    {
        var first = subgraph.Tensors[op.Inputs[0]].Shape;
        var a = axis < 0 ? axis + first.Rank : axis;
        if (a < 0 || a >= first.Rank)
        {
            return null;
        }

        var dims = first.Dimensions.ToArray();
        dims[a] = 0;
        foreach (var index in op.Inputs)
        {
            if (index < 0 || subgraph.Tensors[index].Shape.Rank != first.Rank)
            {
                return null;
            }

            dims[a] += subgraph.Tensors[index].Shape[a];
        }

        return Shape.Of(dims);
    }

    private static Shape? BatchMatMul(Shape lhs, Shape rhs, BatchMatMulOptions? options)
    {
        if (lhs.Rank < 2 || rhs.Rank < 2)
        {
            return null;
        }

        var rows = options is { AdjX: true } ? lhs[lhs.Rank - 1] : lhs[lhs.Rank - 2];
        var cols = options is { AdjY: true } ? rhs[rhs.Rank - 2] : rhs[rhs.Rank - 1];
        var batch = Broadcast(Shape.Of(lhs.Dimensions.AsSpan()[..^2].ToArray()), Shape.Of(rhs.Dimensions.AsSpan()[..^2].ToArray()));
        return batch is { } b ? Shape.Of([.. b.Dimensions, rows, cols]) : null;
    }

    private static Shape FromLongs(long[] dims) => Shape.Of(Array.ConvertAll(dims, v => (int)v));
}
