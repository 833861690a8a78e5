using Mote.Graph;

namespace Mote.CodeGen.Styles;

/// <summary>
/// The MicroMutableOpResolver method that registers each builtin operator in TensorFlow Lite for Microcontrollers
/// (tensorflow/lite/micro/micro_mutable_op_resolver.h): AddConv2D() for CONV_2D, and so on.
/// </summary>
public static class TflmOperators
{
    private static readonly Dictionary<OpType, string> s_methods = new()
    {
        [OpType.Abs] = "AddAbs",
        [OpType.Add] = "AddAdd",
        [OpType.AddN] = "AddAddN",
        [OpType.ArgMax] = "AddArgMax",
        [OpType.ArgMin] = "AddArgMin",
        [OpType.AssignVariable] = "AddAssignVariable",
        [OpType.AveragePool2D] = "AddAveragePool2D",
        [OpType.BatchMatMul] = "AddBatchMatMul",
        [OpType.BatchToSpaceNd] = "AddBatchToSpaceNd",
        [OpType.BroadcastArgs] = "AddBroadcastArgs",
        [OpType.BroadcastTo] = "AddBroadcastTo",
        [OpType.CallOnce] = "AddCallOnce",
        [OpType.Cast] = "AddCast",
        [OpType.Ceil] = "AddCeil",
        [OpType.Concatenation] = "AddConcatenation",
        [OpType.Conv2D] = "AddConv2D",
        [OpType.Cos] = "AddCos",
        [OpType.Cumsum] = "AddCumSum",
        [OpType.DepthToSpace] = "AddDepthToSpace",
        [OpType.DepthwiseConv2D] = "AddDepthwiseConv2D",
        [OpType.Dequantize] = "AddDequantize",
        [OpType.Div] = "AddDiv",
        [OpType.Elu] = "AddElu",
        [OpType.EmbeddingLookup] = "AddEmbeddingLookup",
        [OpType.Equal] = "AddEqual",
        [OpType.Exp] = "AddExp",
        [OpType.ExpandDims] = "AddExpandDims",
        [OpType.Fill] = "AddFill",
        [OpType.Floor] = "AddFloor",
        [OpType.FloorDiv] = "AddFloorDiv",
        [OpType.FloorMod] = "AddFloorMod",
        [OpType.FullyConnected] = "AddFullyConnected",
        [OpType.Gather] = "AddGather",
        [OpType.GatherNd] = "AddGatherNd",
        [OpType.Greater] = "AddGreater",
        [OpType.GreaterEqual] = "AddGreaterEqual",
        [OpType.HardSwish] = "AddHardSwish",
        [OpType.If] = "AddIf",
        [OpType.L2Normalization] = "AddL2Normalization",
        [OpType.L2Pool2D] = "AddL2Pool2D",
        [OpType.LeakyRelu] = "AddLeakyRelu",
        [OpType.Less] = "AddLess",
        [OpType.LessEqual] = "AddLessEqual",
        [OpType.Log] = "AddLog",
        [OpType.LogicalAnd] = "AddLogicalAnd",
        [OpType.LogicalNot] = "AddLogicalNot",
        [OpType.LogicalOr] = "AddLogicalOr",
        [OpType.Logistic] = "AddLogistic",
        [OpType.LogSoftmax] = "AddLogSoftmax",
        [OpType.Maximum] = "AddMaximum",
        [OpType.MaxPool2D] = "AddMaxPool2D",
        [OpType.Mean] = "AddMean",
        [OpType.Minimum] = "AddMinimum",
        [OpType.MirrorPad] = "AddMirrorPad",
        [OpType.Mul] = "AddMul",
        [OpType.Neg] = "AddNeg",
        [OpType.NotEqual] = "AddNotEqual",
        [OpType.Pack] = "AddPack",
        [OpType.Pad] = "AddPad",
        [OpType.PadV2] = "AddPadV2",
        [OpType.Prelu] = "AddPrelu",
        [OpType.Quantize] = "AddQuantize",
        [OpType.ReadVariable] = "AddReadVariable",
        [OpType.ReduceMax] = "AddReduceMax",
        [OpType.Relu] = "AddRelu",
        [OpType.Relu6] = "AddRelu6",
        [OpType.Reshape] = "AddReshape",
        [OpType.ResizeBilinear] = "AddResizeBilinear",
        [OpType.ResizeNearestNeighbor] = "AddResizeNearestNeighbor",
        [OpType.Round] = "AddRound",
        [OpType.Rsqrt] = "AddRsqrt",
        [OpType.SelectV2] = "AddSelectV2",
        [OpType.Shape] = "AddShape",
        [OpType.Sin] = "AddSin",
        [OpType.Slice] = "AddSlice",
        [OpType.Softmax] = "AddSoftmax",
        [OpType.SpaceToBatchNd] = "AddSpaceToBatchNd",
        [OpType.SpaceToDepth] = "AddSpaceToDepth",
        [OpType.Split] = "AddSplit",
        [OpType.SplitV] = "AddSplitV",
        [OpType.Sqrt] = "AddSqrt",
        [OpType.Square] = "AddSquare",
        [OpType.SquaredDifference] = "AddSquaredDifference",
        [OpType.Squeeze] = "AddSqueeze",
        [OpType.StridedSlice] = "AddStridedSlice",
        [OpType.Sub] = "AddSub",
        [OpType.Sum] = "AddSum",
        [OpType.Svdf] = "AddSvdf",
        [OpType.Tanh] = "AddTanh",
        [OpType.Transpose] = "AddTranspose",
        [OpType.TransposeConv] = "AddTransposeConv",
        [OpType.UnidirectionalSequenceLstm] = "AddUnidirectionalSequenceLSTM",
        [OpType.Unpack] = "AddUnpack",
        [OpType.VarHandle] = "AddVarHandle",
        [OpType.While] = "AddWhile",
        [OpType.ZerosLike] = "AddZerosLike",
    };

    /// <summary>The resolver method for <paramref name="type"/>, or null when Mote knows none (custom operators included).</summary>
    public static string? Method(OpType type) => s_methods.GetValueOrDefault(type);

    /// <summary>
    /// One registration call per distinct operator of every subgraph, in order of first use; throws
    /// <see cref="InvalidModelException"/> naming the operators no call is known for.
    /// </summary>
    public static IReadOnlyList<string> Registrations(Model model, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(model);
        var operators = model.Subgraphs.SelectMany(s => s.Operators).ToList();
        var unknown = operators.Where(op => Method(op.Type) is null).Select(op => op.DisplayName).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidModelException(sourceName, $"the tflm style knows no MicroMutableOpResolver registration for {string.Join(", ", unknown)}");
        }

        return operators.Select(op => Method(op.Type)!).Distinct().ToList();
    }
}
