namespace Mote.Graph;

/// <summary>Typed options of an operator. Field names and defaults follow the TFLite schema's option tables.</summary>
public abstract record OperatorOptions;

/// <summary>An operator without options, or whose option table is empty.</summary>
public sealed record NoOptions : OperatorOptions
{
    public static NoOptions Instance { get; } = new();
}

public sealed record Conv2DOptions(
    Padding Padding,
    int StrideW,
    int StrideH,
    Activation Activation = Activation.None,
    int DilationW = 1,
    int DilationH = 1) : OperatorOptions;

public sealed record DepthwiseConv2DOptions(
    Padding Padding,
    int StrideW,
    int StrideH,
    int DepthMultiplier,
    Activation Activation = Activation.None,
    int DilationW = 1,
    int DilationH = 1) : OperatorOptions;

public sealed record TransposeConvOptions(
    Padding Padding,
    int StrideW,
    int StrideH,
    Activation Activation = Activation.None) : OperatorOptions;

/// <summary>Options of AVERAGE_POOL_2D, MAX_POOL_2D and L2_POOL_2D.</summary>
public sealed record Pool2DOptions(
    Padding Padding,
    int StrideW,
    int StrideH,
    int FilterWidth,
    int FilterHeight,
    Activation Activation = Activation.None) : OperatorOptions;

public enum FullyConnectedWeightsFormat : byte
{
    Default = 0,
    Shuffled4x16Int8 = 1,
}

public sealed record FullyConnectedOptions(
    Activation Activation = Activation.None,
    FullyConnectedWeightsFormat WeightsFormat = FullyConnectedWeightsFormat.Default,
    bool KeepNumDims = false,
    bool AsymmetricQuantizeInputs = false) : OperatorOptions;

public sealed record SoftmaxOptions(float Beta = 1f) : OperatorOptions;

public sealed record ConcatenationOptions(int Axis, Activation Activation = Activation.None) : OperatorOptions;

/// <summary>Options of ADD and SUB. PotScaleInt16 selects TFLite's power-of-two-scale int16 path.</summary>
public sealed record AddSubOptions(Activation Activation = Activation.None, bool PotScaleInt16 = true) : OperatorOptions;

/// <summary>Options of MUL and DIV.</summary>
public sealed record MulDivOptions(Activation Activation = Activation.None) : OperatorOptions;

public sealed record ReshapeOptions(ValueArray<int> NewShape) : OperatorOptions;

/// <summary>Options of MEAN, SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_PROD, ...</summary>
public sealed record ReducerOptions(bool KeepDims = false) : OperatorOptions;

public sealed record SqueezeOptions(ValueArray<int> SqueezeDims) : OperatorOptions;

public sealed record StridedSliceOptions(
    int BeginMask = 0,
    int EndMask = 0,
    int EllipsisMask = 0,
    int NewAxisMask = 0,
    int ShrinkAxisMask = 0,
    bool Offset = false) : OperatorOptions;

public sealed record LeakyReluOptions(float Alpha) : OperatorOptions;

public sealed record SvdfOptions(int Rank, Activation Activation = Activation.None, bool AsymmetricQuantizeInputs = false) : OperatorOptions;

public sealed record SequenceLstmOptions(
    Activation Activation = Activation.None,
    float CellClip = 0f,
    float ProjClip = 0f,
    bool TimeMajor = false,
    bool AsymmetricQuantizeInputs = false,
    bool DiagonalRecurrentTensors = false) : OperatorOptions;

public sealed record SplitOptions(int NumSplits) : OperatorOptions;

public sealed record PackOptions(int ValuesCount, int Axis) : OperatorOptions;

public sealed record UnpackOptions(int Num, int Axis) : OperatorOptions;

public sealed record BatchMatMulOptions(bool AdjX = false, bool AdjY = false, bool AsymmetricQuantizeInputs = false) : OperatorOptions;

public sealed record ShapeOptions(DataType OutType = DataType.Int32) : OperatorOptions;

public sealed record CastOptions(DataType InType, DataType OutType) : OperatorOptions;

public sealed record GatherOptions(int Axis = 0, int BatchDims = 0) : OperatorOptions;

/// <summary>Options of ARG_MAX and ARG_MIN.</summary>
public sealed record ArgOptions(DataType OutputType = DataType.Int64) : OperatorOptions;

/// <summary>Options of RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR.</summary>
public sealed record ResizeOptions(bool AlignCorners = false, bool HalfPixelCenters = false) : OperatorOptions;

public enum MirrorPadMode : byte
{
    Reflect = 0,
    Symmetric = 1,
}

public sealed record MirrorPadOptions(MirrorPadMode Mode = MirrorPadMode.Reflect) : OperatorOptions;
