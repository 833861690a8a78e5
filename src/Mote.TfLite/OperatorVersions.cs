using Mote.Graph;

namespace Mote.TfLite;

/// <summary>
/// The operator version the TFLite converter would give an operator, following GetBuiltinOperatorVersion in
/// tensorflow/lite/tools/versioning/op_version.cc, for operators whose <see cref="Operator.Version"/> is unset (0).
/// As in the converter's UpdateOpVersion, operators sharing an operator code take the highest version among them.
/// The table (in = input 0, w = input 1 (weights), out = output 0; first match wins):
/// <code>
/// CONV_2D               grouped (in channels ≠ filter channels) 6; int16 in + int8 w 4; int8 in + int8 w 3;
///                       int8 in + int4 w 7; float in + int8 w (hybrid) 5 per-channel, else 2; else 1
/// DEPTHWISE_CONV_2D     int16 in 5; hybrid 6 per-channel, else 4; int8 in + int8 w 3; int8 in + int4 w 7;
///                       dilation ≠ 1 2; else 1
/// FULLY_CONNECTED       int16 in 7; no bias (2 inputs) 6; keep_num_dims 5; int8 in + int8 w 4; int8 + int4 w 10;
///                       hybrid 9 asymmetric, else 3; shuffled weights 2; else 1
/// ADD                   int64 4; int16 without pot_scale_int16 3; int8 2; else 1
/// SUB                   int16 without pot_scale_int16 5; int64 4; broadcast over rank > 4 3; int8 2; else 1
/// MUL                   int64 5; int16 4; int8 2; else 1
/// AVERAGE/MAX_POOL_2D   int16 3; int8 2; else 1
/// SOFTMAX, MEAN, RELU6, MIRROR_PAD, REDUCE_MAX/MIN, RSQRT   int16 3; int8 2; else 1
/// LOGISTIC, TANH        int16 3; int8 2; else 1
/// RELU                  int16 3; int8/uint8 2; else 1
/// LEAKY_RELU            int16 2; else 1
/// QUANTIZE              out int4 4; per-channel out 3; out int16 2; else 1
/// DEQUANTIZE            in int4 6; in int16/float16 3; in int8 5 per-channel, else 2; else 1
/// CONCATENATION         uint32 4; int16 3; int8 2; else 1
/// PAD, PADV2            rank > 4 4; int16 3; int8 2; else 1
/// STRIDED_SLICE         offset 8; uint32 7; ellipsis/new-axis mask 6; string 5; rank > 4 4; bool 3; int8 2; else 1
/// TRANSPOSE             rank > 5 6; int16 5; rank > 4 4; bool 3; int8 2; else 1
/// SPLIT (data = input 1) int16 4; int32 3; int8 2; else 1
/// PACK                  int8 2; int16 3; uint32 4; else 1
/// UNPACK                int8/uint8 2; bool 3; int16 4; else 1
/// BATCH_MATMUL          int16 3; int8 2; hybrid asymmetric 4; else 1
/// TRANSPOSE_CONV        fused activation 4; bias given (4 inputs) 3; int8 w 2; else 1
/// SVDF                  int8 in 3; hybrid 4 asymmetric, else 2; else 1
/// UNIDIRECTIONAL_SEQUENCE_LSTM  int16 in + int8 w 5; diagonal 4; hybrid 3 asymmetric, else 2; else 1
/// MAXIMUM, MINIMUM      int16 4; broadcast over rank > 4 3; int8 2; else 1
/// SQUEEZE               string 2; else 1
/// CAST                  bfloat16 7; int4 → float 6; float64/float16 5; uint16 4; int8 3; uint32 2; else 1
/// everything else (HARD_SWISH, RESHAPE, SHAPE, DIV, custom operators, ...)   1
/// </code>
/// </summary>
internal static class OperatorVersions
{
    /// <summary>The version each operator of <paramref name="graph"/> is written with.</summary>
    public static int[] Resolve(Subgraph graph)
    {
        var versions = new int[graph.Operators.Count];
        var highest = new Dictionary<(OpType, string?), int>();
        for (var i = 0; i < versions.Length; i++)
        {
            var op = graph.Operators[i];
            if (op.Version <= 0)
            {
                versions[i] = ConverterVersion(op, graph);
                var key = (op.Type, op.CustomCode);
                highest[key] = Math.Max(versions[i], highest.GetValueOrDefault(key));
            }
            else
            {
                versions[i] = op.Version;
            }
        }

        for (var i = 0; i < versions.Length; i++)
        {
            var op = graph.Operators[i];
            if (op.Version <= 0)
            {
                versions[i] = highest[(op.Type, op.CustomCode)];
            }
        }

        return versions;
    }

    public static int ConverterVersion(Operator op, Subgraph graph)
    {
        var signature = new Signature(op, graph);
        var input = signature.Input(0);
        var weights = signature.Input(1);
        var output = signature.Output(0);
        var hybrid = input == DataType.Float32 && weights == DataType.Int8 && output == DataType.Float32;
        return op.Type switch
        {
            OpType.Conv2D when signature.IsGroupedConvolution => 6,
            OpType.Conv2D when input == DataType.Int16 && weights is DataType.Int8 or DataType.Int16 => 4,
            OpType.Conv2D when input == DataType.Int8 && weights == DataType.Int8 => 3,
            OpType.Conv2D when input == DataType.Int8 && weights == DataType.Int4 => 7,
            OpType.Conv2D when hybrid => signature.IsPerChannel(1) ? 5 : 2,
            OpType.DepthwiseConv2D when input == DataType.Int16 => 5,
            OpType.DepthwiseConv2D when hybrid => signature.IsPerChannel(1) ? 6 : 4,
            OpType.DepthwiseConv2D when input == DataType.Int8 && weights == DataType.Int8 => 3,
            OpType.DepthwiseConv2D when input == DataType.Int8 && weights == DataType.Int4 => 7,
            OpType.DepthwiseConv2D when op.Options is DepthwiseConv2DOptions { DilationW: not 1 } or DepthwiseConv2DOptions { DilationH: not 1 } => 2,
            OpType.FullyConnected => FullyConnectedVersion(op, signature, input, weights, hybrid),
            OpType.Add when input == DataType.Int64 => 4,
            OpType.Add when input == DataType.Int16 && op.Options is AddSubOptions { PotScaleInt16: false } => 3,
            OpType.Sub when input == DataType.Int16 && op.Options is AddSubOptions { PotScaleInt16: false } => 5,
            OpType.Sub when input == DataType.Int64 => 4,
            OpType.Sub when signature.BroadcastsOverRankAbove4 => 3,
            OpType.Maximum or OpType.Minimum when input == DataType.Int16 => 4,
            OpType.Maximum or OpType.Minimum when signature.BroadcastsOverRankAbove4 => 3,
            OpType.Mul when input == DataType.Int64 => 5,
            OpType.Mul when input == DataType.Int16 => 4,
            OpType.AveragePool2D or OpType.MaxPool2D or OpType.Softmax or OpType.Mean or OpType.Relu6 or OpType.MirrorPad
                or OpType.ReduceMax or OpType.ReduceMin or OpType.Rsqrt or OpType.Logistic or OpType.Tanh or OpType.Relu
                when input == DataType.Int16 => 3,
            OpType.Relu when input == DataType.UInt8 => 2,
            OpType.LeakyRelu => input == DataType.Int16 ? 2 : 1,
            OpType.Quantize => output == DataType.Int4 ? 4 : signature.IsPerChannelOutput ? 3 : output == DataType.Int16 ? 2 : 1,
            OpType.Dequantize => input switch
            {
                DataType.Int4 => 6,
                DataType.Int16 or DataType.Float16 => 3,
                DataType.Int8 => signature.IsPerChannel(0) ? 5 : 2,
                _ => 1,
            },
            OpType.Concatenation when input == DataType.UInt32 => 4,
            OpType.Concatenation when input == DataType.Int16 => 3,
            OpType.Pad or OpType.PadV2 when signature.Rank(0) > 4 => 4,
            OpType.Pad or OpType.PadV2 when input == DataType.Int16 => 3,
            OpType.StridedSlice => StridedSliceVersion(op, signature, input),
            OpType.Transpose when signature.Rank(0) > 5 => 6,
            OpType.Transpose when input == DataType.Int16 => 5,
            OpType.Transpose when signature.Rank(0) > 4 => 4,
            OpType.Transpose when input == DataType.Bool => 3,
            OpType.Split => weights switch
            {
                DataType.Int16 => 4,
                DataType.Int32 => 3,
                DataType.Int8 => 2,
                _ => 1,
            },
            OpType.Pack when input == DataType.Int16 => 3,
            OpType.Pack when input == DataType.UInt32 => 4,
            OpType.Unpack when input == DataType.UInt8 => 2,
            OpType.Unpack when input == DataType.Bool => 3,
            OpType.Unpack when input == DataType.Int16 => 4,
            OpType.BatchMatMul when input == DataType.Int16 => 3,
            OpType.BatchMatMul when hybrid && op.Options is BatchMatMulOptions { AsymmetricQuantizeInputs: true } => 4,
            OpType.TransposeConv when op.Options is TransposeConvOptions { Activation: not Activation.None } => 4,
            OpType.TransposeConv when op.Inputs.Count == 4 && op.Inputs[3] >= 0 => 3,
            OpType.TransposeConv => signature.Input(1) == DataType.Int8 ? 2 : 1,
            OpType.Svdf when input == DataType.Int8 => 3,
            OpType.Svdf when hybrid => op.Options is SvdfOptions { AsymmetricQuantizeInputs: true } ? 4 : 2,
            OpType.UnidirectionalSequenceLstm when input == DataType.Int16 && signature.Input(2) == DataType.Int8 => 5,
            OpType.UnidirectionalSequenceLstm when op.Options is SequenceLstmOptions { DiagonalRecurrentTensors: true } => 4,
            OpType.UnidirectionalSequenceLstm when input == DataType.Float32 && signature.Input(2) == DataType.Int8 && output == DataType.Float32 =>
                op.Options is SequenceLstmOptions { AsymmetricQuantizeInputs: true } ? 3 : 2,
            OpType.Squeeze when input == DataType.String => 2,
            OpType.Cast => CastVersion(input, output),
            OpType.Add or OpType.Sub or OpType.Mul or OpType.AveragePool2D or OpType.MaxPool2D or OpType.Softmax or OpType.Mean
                or OpType.Relu6 or OpType.MirrorPad or OpType.ReduceMax or OpType.ReduceMin or OpType.Rsqrt or OpType.Logistic
                or OpType.Tanh or OpType.Relu or OpType.Concatenation or OpType.Pad or OpType.PadV2 or OpType.Transpose
                or OpType.Pack or OpType.Unpack or OpType.BatchMatMul or OpType.Maximum or OpType.Minimum
                when input == DataType.Int8 => 2,
            _ => 1,
        };
    }

    private static int FullyConnectedVersion(Operator op, Signature signature, DataType? input, DataType? weights, bool hybrid)
    {
        var options = op.Options as FullyConnectedOptions;
        return true switch
        {
            _ when input == DataType.Int16 && weights is DataType.Int8 or DataType.Int16 => 7,
            _ when op.Inputs.Count == 2 => 6,
            _ when options is { KeepNumDims: true } => 5,
            _ when input == DataType.Int8 && weights == DataType.Int8 => 4,
            _ when input == DataType.Int8 && weights == DataType.Int4 => 10,
            _ when hybrid => options is { AsymmetricQuantizeInputs: true } ? 9 : 3,
            _ when options is { WeightsFormat: FullyConnectedWeightsFormat.Shuffled4x16Int8 } => 2,
            _ => 1,
        };
    }

    private static int StridedSliceVersion(Operator op, Signature signature, DataType? input)
    {
        var options = op.Options as StridedSliceOptions;
        return true switch
        {
            _ when options is { Offset: true } => 8,
            _ when input == DataType.UInt32 => 7,
            _ when options is { EllipsisMask: not 0 } or { NewAxisMask: not 0 } => 6,
            _ when input == DataType.String => 5,
            _ when signature.Rank(0) > 4 => 4,
            _ when input == DataType.Bool => 3,
            _ when input == DataType.Int8 => 2,
            _ => 1,
        };
    }

    private static int CastVersion(DataType? input, DataType? output) => true switch
    {
        _ when input == DataType.BFloat16 || output == DataType.BFloat16 => 7,
        _ when input == DataType.Int4 && output == DataType.Float32 => 6,
        _ when input is DataType.Float64 or DataType.Float16 || output is DataType.Float64 or DataType.Float16 => 5,
        _ when input == DataType.UInt16 || output == DataType.UInt16 => 4,
        _ when input == DataType.Int8 || output == DataType.Int8 => 3,
        _ when input == DataType.UInt32 || output == DataType.UInt32 => 2,
        _ => 1,
    };

    /// <summary>The tensor types and shapes an operator sees, as TFLite's OpSignature describes them.</summary>
    private readonly struct Signature(Operator op, Subgraph graph)
    {
        public DataType? Input(int i) => TensorOf(op.Inputs, i)?.Type;

        public DataType? Output(int i) => TensorOf(op.Outputs, i)?.Type;

        public int Rank(int input) => TensorOf(op.Inputs, input)?.Shape.Rank ?? 0;

        public bool IsPerChannel(int input) => TensorOf(op.Inputs, input)?.Quantization is { IsPerChannel: true };

        public bool IsPerChannelOutput => TensorOf(op.Outputs, 0)?.Quantization is { IsPerChannel: true };

        /// <summary>A CONV_2D whose input has more channels than its [out, h, w, in] filter: a grouped convolution.</summary>
        public bool IsGroupedConvolution =>
            TensorOf(op.Inputs, 0) is { Shape.Rank: 4 } input && TensorOf(op.Inputs, 1) is { Shape.Rank: 4 } filter
            && input.Shape[3] > 0 && filter.Shape[3] > 0 && input.Shape[3] != filter.Shape[3];

        public bool BroadcastsOverRankAbove4 =>
            TensorOf(op.Inputs, 0) is { } a && TensorOf(op.Inputs, 1) is { } b
            && a.Shape != b.Shape && Math.Max(a.Shape.Rank, b.Shape.Rank) > 4;

        private Tensor? TensorOf(ValueArray<int> indices, int i) =>
            i < indices.Count && indices[i] >= 0 && indices[i] < graph.Tensors.Count ? graph.Tensors[indices[i]] : null;
    }
}
