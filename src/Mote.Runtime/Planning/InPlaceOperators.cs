using Mote.Graph;

namespace Mote.Runtime.Planning;

/// <summary>
/// Operators whose single output may take over an input's memory: the reshaping operators (same bytes, new shape) and
/// elementwise operators whose output has the input's shape and element size, whose kernels the interpreter writes so
/// that reading element i and then writing element i is safe.
/// </summary>
internal static class InPlaceOperators
{
    /// <summary>Inputs of <paramref name="op"/> whose memory its output may reuse, preferred first.</summary>
    public static IEnumerable<int> CandidateInputs(Subgraph subgraph, Operator op)
    {
        if (op.Outputs.Count != 1 || op.Outputs[0] < 0 || op.Inputs.Count == 0 || op.Inputs[0] < 0)
        {
            yield break;
        }

        var output = subgraph.Tensors[op.Outputs[0]];
        var first = subgraph.Tensors[op.Inputs[0]];
        switch (op.Type)
        {
            case OpType.Reshape or OpType.Squeeze or OpType.ExpandDims:
                if (first.ByteSize == output.ByteSize)
                {
                    yield return op.Inputs[0];
                }

                break;

            case OpType.Logistic or OpType.Tanh or OpType.Relu or OpType.Relu6 or OpType.LeakyRelu or OpType.HardSwish:
                if (first.Shape == output.Shape && first.Type == output.Type)
                {
                    yield return op.Inputs[0];
                }

                break;

            case OpType.Quantize or OpType.Dequantize:
                if (first.Shape == output.Shape && first.Type.ElementSize() == output.Type.ElementSize())
                {
                    yield return op.Inputs[0];
                }

                break;

            case OpType.Add or OpType.Sub or OpType.Mul:
                if (op.Inputs.Count == 2 && op.Inputs[1] >= 0 && first.Shape == output.Shape
                    && subgraph.Tensors[op.Inputs[1]].Shape == output.Shape)
                {
                    foreach (int input in op.Inputs)
                    {
                        if (subgraph.Tensors[input].Type == output.Type)
                        {
                            yield return input;
                        }
                    }
                }

                break;
        }
    }
}
