using Mote.Graph;

namespace Mote.Compress.Quantization;

/// <summary>
/// Float32 model inputs and outputs around an int8 graph: a QUANTIZE after each input and a DEQUANTIZE before each
/// output. The float tensors keep the original names, so callers see the float model's interface.
/// </summary>
internal static class FloatIo
{
    public static Subgraph Wrap(Subgraph floatGraph, Subgraph quantized)
    {
        var tensors = quantized.Tensors.ToList();
        var before = new List<Operator>();
        var after = new List<Operator>();
        int Outer(int index, OpType conversion)
        {
            if (floatGraph.Tensors[index].Type != DataType.Float32)
            {
                return index;
            }

            tensors.Add(floatGraph.Tensors[index]);
            var outer = tensors.Count - 1;
            tensors[index] = tensors[index] with { Name = $"{tensors[index].Name}/int8" };
            if (conversion == OpType.Quantize)
            {
                before.Add(new Operator(OpType.Quantize, [outer], [index]));
            }
            else
            {
                after.Add(new Operator(OpType.Dequantize, [index], [outer]));
            }

            return outer;
        }

        int[] inputs = [.. quantized.Inputs.Select(i => Outer(i, OpType.Quantize))];
        int[] outputs = [.. quantized.Outputs.Select(i => Outer(i, OpType.Dequantize))];
        return quantized with { Tensors = [.. tensors], Operators = [.. before, .. quantized.Operators, .. after], Inputs = inputs, Outputs = outputs };
    }
}
