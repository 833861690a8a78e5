using Mote.Graph;

namespace Mote.TfLite.Tests;

public class OptionsTests
{
    public static TheoryData<OpType, OperatorOptions> TypedOptions => new()
    {
        { OpType.Conv2D, new Conv2DOptions(Padding.Valid, 2, 3, Activation.Relu6, 2, 1) },
        { OpType.DepthwiseConv2D, new DepthwiseConv2DOptions(Padding.Same, 1, 2, 3, Activation.Relu, 1, 2) },
        { OpType.FullyConnected, new FullyConnectedOptions(Activation.Relu, FullyConnectedWeightsFormat.Default, KeepNumDims: true) },
        { OpType.AveragePool2D, new Pool2DOptions(Padding.Valid, 2, 2, 3, 3) },
        { OpType.MaxPool2D, new Pool2DOptions(Padding.Same, 1, 1, 2, 2, Activation.Relu) },
        { OpType.Reshape, new ReshapeOptions([1, -1]) },
        { OpType.Softmax, new SoftmaxOptions(1f) },
        { OpType.Add, new AddSubOptions(Activation.Relu, PotScaleInt16: false) },
        { OpType.Sub, new AddSubOptions(Activation.None) },
        { OpType.Mul, new MulDivOptions(Activation.Relu6) },
        { OpType.Div, new MulDivOptions(Activation.Relu) },
        { OpType.LeakyRelu, new LeakyReluOptions(0.2f) },
        { OpType.Concatenation, new ConcatenationOptions(-1, Activation.Relu) },
        { OpType.Mean, new ReducerOptions(KeepDims: true) },
        { OpType.Squeeze, new SqueezeOptions([1, 2]) },
        { OpType.StridedSlice, new StridedSliceOptions(1, 2, 0, 0, 4, Offset: true) },
        { OpType.Split, new SplitOptions(4) },
        { OpType.Shape, new ShapeOptions(DataType.Int64) },
        { OpType.Pack, new PackOptions(3, 1) },
        { OpType.Unpack, new UnpackOptions(3, 0) },
        { OpType.BatchMatMul, new BatchMatMulOptions(AdjX: true, AsymmetricQuantizeInputs: true) },
        { OpType.TransposeConv, new TransposeConvOptions(Padding.Same, 2, 2, Activation.Relu) },
        { OpType.Svdf, new SvdfOptions(2, Activation.Relu) },
        { OpType.UnidirectionalSequenceLstm, new SequenceLstmOptions(Activation.Tanh, 10f, 0f, TimeMajor: true) },
        { OpType.Cast, new CastOptions(DataType.Int16, DataType.Int32) },
        { OpType.Gather, new GatherOptions(1, 1) },
        { OpType.ArgMax, new ArgOptions(DataType.Int32) },
        { OpType.ArgMin, new ArgOptions(DataType.Int64) },
        { OpType.ResizeBilinear, new ResizeOptions(HalfPixelCenters: true) },
        { OpType.ResizeNearestNeighbor, new ResizeOptions(AlignCorners: true) },
        { OpType.MirrorPad, new MirrorPadOptions(MirrorPadMode.Symmetric) },
        { OpType.Pad, NoOptions.Instance },
        { OpType.Quantize, NoOptions.Instance },
        { OpType.Dequantize, NoOptions.Instance },
        { OpType.Logistic, NoOptions.Instance },
        { OpType.Tanh, NoOptions.Instance },
        { OpType.Relu, NoOptions.Instance },
        { OpType.Relu6, NoOptions.Instance },
        { OpType.HardSwish, NoOptions.Instance },
        { OpType.Transpose, NoOptions.Instance },
        { OpType.Conv2D, NoOptions.Instance },
        { OpType.Cumsum, new OpaqueOptions(102, [[1], []]) },
        { OpType.VarHandle, new OpaqueOptions(111, [[(byte)'c'], [(byte)'n', (byte)'m']]) },
        { OpType.Bucketize, new OpaqueOptions(115, [[0, 0, 128, 63, 0, 0, 0, 64]]) },
        { OpType.Pad, new OpaqueOptions(26, []) },
    };

    [Theory]
    [MemberData(nameof(TypedOptions))]
    public void Options_survive_write_and_read(OpType type, OperatorOptions options)
    {
        var read = RoundTrip(new Operator(type, [0], [1]) { Options = options, Version = 1 });
        Assert.Equal(options, read.Options);
    }

    [Fact]
    public void A_field_Mote_does_not_model_keeps_the_table_opaque()
    {
        // Conv2DOptions with quantized_bias_type (field 6) = INT32: the typed record has no such field.
        var fields = new ValueArray<byte>[] { [1], [1, 0, 0, 0], [1, 0, 0, 0], [], [], [], [2] };
        var options = new OpaqueOptions(1, fields);
        Assert.Equal(options, RoundTrip(new Operator(OpType.Conv2D, [0], [1]) { Options = options, Version = 8 }).Options);
    }

    [Fact]
    public void Custom_operator_keeps_its_code_and_option_bytes()
    {
        var op = new Operator(OpType.Custom, [0], [1]) { CustomCode = "SignalWindow", CustomOptions = new byte[] { 1, 2, 3 }, Version = 1 };
        Assert.Equal(op, RoundTrip(op));
    }

    private static Operator RoundTrip(Operator op)
    {
        var tensors = new[] { new Tensor("x", DataType.Float32, Shape.Of(1, 4)), new Tensor("y", DataType.Float32, Shape.Of(1, 4)) };
        var model = new Model([new Subgraph(tensors, [op], [0], [1])]);
        return TfLiteReader.Read(TfLiteWriter.Write(model), "options").Main.Operators[0];
    }
}
