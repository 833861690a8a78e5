using Mote.Graph;

namespace Mote.TfLite;

/// <summary>
/// The graph-level checks a model must pass before it is handed out by the reader or encoded by the writer: every
/// tensor index in range, constant data as long as the shape says, and operators in execution order. They live in one place so that the reader and the writer agree.
/// </summary>
internal static class GraphChecks
{
    public static void Validate(Model model, string source)
    {
        if (model.Subgraphs.IsEmpty)
        {
            throw new InvalidModelException(source, "the model has no subgraphs");
        }

        for (var s = 0; s < model.Subgraphs.Count; s++)
        {
            ValidateSubgraph(model.Subgraphs[s], $"subgraph {s}", source);
        }

        foreach (var signature in model.Signatures)
        {
            if (signature.SubgraphIndex < 0 || signature.SubgraphIndex >= model.Subgraphs.Count)
            {
                throw new InvalidModelException(source, $"signature '{signature.Key}': subgraph index {signature.SubgraphIndex} is out of range ({model.Subgraphs.Count} subgraphs)");
            }

            var tensorCount = model.Subgraphs[signature.SubgraphIndex].Tensors.Count;
            foreach (var tensor in signature.Inputs.Concat(signature.Outputs))
            {
                if (tensor.TensorIndex < 0 || tensor.TensorIndex >= tensorCount)
                {
                    throw new InvalidModelException(source, $"signature '{signature.Key}' tensor '{tensor.Name}': index {tensor.TensorIndex} is out of range ({tensorCount} tensors)");
                }
            }
        }
    }

    private static void ValidateSubgraph(Subgraph graph, string where, string source)
    {
        var tensors = graph.Tensors;
        for (var t = 0; t < tensors.Count; t++)
        {
            ValidateTensor(tensors[t], $"{where} tensor {t} '{tensors[t].Name}'", source);
        }

        var isGraphInput = new bool[tensors.Count];
        CheckIndices(graph.Inputs, tensors.Count, allowAbsent: false, $"{where} inputs", source);
        CheckIndices(graph.Outputs, tensors.Count, allowAbsent: false, $"{where} outputs", source);
        foreach (var input in graph.Inputs)
        {
            isGraphInput[input] = true;
        }

        // The first operator that writes each tensor.
        var producer = new int[tensors.Count];
        Array.Fill(producer, -1);
        for (var i = 0; i < graph.Operators.Count; i++)
        {
            var op = graph.Operators[i];
            var what = $"{where} operator {i} ({op.DisplayName})";
            CheckIndices(op.Inputs, tensors.Count, allowAbsent: true, $"{what} inputs", source);
            CheckIndices(op.Outputs, tensors.Count, allowAbsent: true, $"{what} outputs", source);
            CheckIndices(op.Intermediates, tensors.Count, allowAbsent: false, $"{what} intermediates", source);
            foreach (var output in op.Outputs)
            {
                if (output >= 0 && producer[output] < 0)
                {
                    producer[output] = i;
                }
            }
        }

        // TFLM runs operators in the stored order, so an operator must not read what only a later one (or itself)
        // writes. Constants, variables and graph inputs hold values before the first operator; a tensor nobody
        // writes is an uninitialized input and is allowed.
        for (var i = 0; i < graph.Operators.Count; i++)
        {
            var op = graph.Operators[i];
            foreach (var input in op.Inputs)
            {
                if (input < 0 || tensors[input].IsConstant || tensors[input].IsVariable || isGraphInput[input])
                {
                    continue;
                }

                if (producer[input] >= i)
                {
                    throw new InvalidModelException(source, $"{where} operator {i} ({op.DisplayName}) reads tensor {input} '{tensors[input].Name}' before operator {producer[input]} writes it: the graph is cyclic or out of execution order");
                }
            }
        }
    }

    private static void ValidateTensor(Tensor tensor, string what, string source)
    {
        if (tensor.Data is { } data && tensor.Type.ElementSize() is var elementSize and > 0)
        {
            var count = ElementCount(tensor.Shape);
            if (count < 0 || count > long.MaxValue / elementSize || count * elementSize != data.Count)
            {
                var needed = count < 0 ? "an unknown number of" : $"{count * (decimal)elementSize}";
                throw new InvalidModelException(source, $"{what}: buffer holds {data.Count} bytes but shape {tensor.Shape} of {tensor.Type.TfLiteName()} needs {needed} bytes");
            }
        }
    }

    /// <summary>Element count of a shape; -1 when a dimension is negative or the product overflows.</summary>
    private static long ElementCount(Shape shape)
    {
        long count = 1;
        foreach (var dim in shape.Dimensions)
        {
            if (dim < 0 || (dim != 0 && count > long.MaxValue / dim))
            {
                return -1;
            }

            count *= dim;
        }

        return count;
    }

    private static void CheckIndices(ValueArray<int> indices, int tensorCount, bool allowAbsent, string what, string source)
    {
        foreach (var index in indices)
        {
            if (index >= tensorCount || index < (allowAbsent ? -1 : 0))
            {
                throw new InvalidModelException(source, $"{what}: tensor index {index} is out of range ({tensorCount} tensors)");
            }
        }
    }
}
