using Mote.Graph;

namespace Mote.Analysis;

/// <summary>
/// Estimated flash bytes of code for a model (an estimate until Mote.CodeGen measures its builds):
/// <code>
/// code = base runtime + Σ kernel size over distinct (operator, activation type) pairs + call site × operators
/// </code>
/// The base covers start-up, the arena, tensor views and the requantization helpers. Kernel sizes are rounded guesses
/// for plain C reference kernels compiled for Thumb-2 with -Os (loop nests plus their edge cases; LSTM is several
/// kernels in one), to be replaced by sizes measured from arm-none-eabi-gcc builds of Mote's generated C. An int8 and
/// a float kernel of the same operator are separate code.
/// </summary>
public static class CodeSizeEstimate
{
    public const int BaseRuntimeBytes = 4096;

    public const int CallSiteBytes = 48;

    public static long Bytes(Subgraph subgraph)
    {
        var kernels = new HashSet<(OpType, string?, DataType)>();
        foreach (var op in subgraph.Operators)
        {
            var type = op.Outputs.Count > 0 && op.Outputs[0] >= 0 ? subgraph.Tensors[op.Outputs[0]].Type : DataType.Int8;
            kernels.Add((op.Type, op.CustomCode, type));
        }

        return BaseRuntimeBytes + kernels.Sum(k => KernelBytes(k.Item1)) + (long)CallSiteBytes * subgraph.Operators.Count;
    }

    /// <summary>Flash bytes of one kernel.</summary>
    public static int KernelBytes(OpType type) => type switch
    {
        OpType.Reshape or OpType.Squeeze or OpType.ExpandDims => 128,
        OpType.Relu or OpType.Relu6 or OpType.LeakyRelu or OpType.HardSwish => 512,
        OpType.Quantize or OpType.Dequantize or OpType.Cast or OpType.Pad or OpType.PadV2 or OpType.Concatenation => 640,
        OpType.AveragePool2D or OpType.MaxPool2D => 896,
        OpType.StridedSlice or OpType.Transpose => 1024,
        OpType.Add or OpType.Sub or OpType.Mul or OpType.Minimum or OpType.Maximum or OpType.Div => 1152,
        OpType.FullyConnected or OpType.Logistic or OpType.Tanh or OpType.Mean => 1280,
        OpType.Softmax => 1536,
        OpType.Svdf => 2048,
        OpType.Conv2D or OpType.DepthwiseConv2D => 2560,
        OpType.TransposeConv => 2816,
        OpType.Custom => 3072,
        OpType.UnidirectionalSequenceLstm => 6144,
        _ => 1024,
    };
}
