using System.Runtime.InteropServices;
using Mote.Graph;

namespace Mote.CodeGen.Tests;

/// <summary>
/// Operators, types and options no conformance model exercises, each in a one-operator model built here: the
/// generated C must reproduce Mote's interpreter (bit-exact with TFLM) byte for byte on several random inputs.
/// </summary>
public sealed class GeneratedCOperatorTests
{
    private const int Cases = 3;

    [HostCompilerFact]
    public void PadV2WithAConstantValue()
    {
        var input = Activation("in", DataType.Int8, 0.05f, 3, 1, 3, 4, 2);
        var output = Activation("out", DataType.Int8, 0.05f, 3, 1, 6, 5, 2);
        var value = input with { Name = "value", Shape = Shape.Of(1), Data = [unchecked((byte)-7)] };
        AssertMatchesInterpreter("padv2", [input, Ints("paddings", 0, 0, 1, 2, 0, 1, 0, 0), value, output], new Operator(OpType.PadV2, [0, 1, 2], [3]));
    }

    [HostCompilerFact]
    public void StridedSliceBackwardsWithAShrunkAxis()
    {
        var input = Activation("in", DataType.Int8, 0.1f, 0, 2, 5, 6);
        var output = Activation("out", DataType.Int8, 0.1f, 0, 2, 3);
        AssertMatchesInterpreter("strided_slice", [input, Ints("begin", 1, 4, -1), Ints("end", 2, 0, 0), Ints("strides", 1, -2, -2), output],
            new Operator(OpType.StridedSlice, [0, 1, 2, 3], [4]) { Options = new StridedSliceOptions(ShrinkAxisMask: 1) });
    }

    [HostCompilerFact]
    public void TransposeOfInt16()
    {
        var input = Activation("in", DataType.Int16, 0.001f, 0, 2, 3, 4);
        var output = Activation("out", DataType.Int16, 0.001f, 0, 4, 2, 3);
        AssertMatchesInterpreter("transpose", [input, Ints("perm", 2, 0, 1), output], new Operator(OpType.Transpose, [0, 1], [2]));
    }

    [HostCompilerFact]
    public void LeakyReluOfInt8()
    {
        var input = Activation("in", DataType.Int8, 0.05f, 5, 1, 40);
        var output = Activation("out", DataType.Int8, 0.03f, -10, 1, 40);
        AssertMatchesInterpreter("leaky_relu", [input, output], new Operator(OpType.LeakyRelu, [0], [1]) { Options = new LeakyReluOptions(0.2f) });
    }

    [HostCompilerFact]
    public void QuantizeInt8ToInt16()
    {
        var input = Activation("in", DataType.Int8, 0.05f, -3, 1, 64);
        var output = Activation("out", DataType.Int16, 0.0007f, 0, 1, 64);
        AssertMatchesInterpreter("requantize_up", [input, output], new Operator(OpType.Quantize, [0], [1]));
    }

    [HostCompilerFact]
    public void QuantizeInt16ToInt8()
    {
        var input = Activation("in", DataType.Int16, 0.0007f, 0, 1, 64);
        var output = Activation("out", DataType.Int8, 0.01f, 12, 1, 64);
        AssertMatchesInterpreter("requantize_down", [input, output], new Operator(OpType.Quantize, [0], [1]));
    }

    [HostCompilerFact]
    public void DequantizeInt16()
    {
        var input = Activation("in", DataType.Int16, 0.00031f, 0, 1, 64);
        var output = new Tensor("out", DataType.Float32, Shape.Of(1, 64));
        AssertMatchesInterpreter("dequantize", [input, output], new Operator(OpType.Dequantize, [0], [1]));
    }

    [HostCompilerFact]
    public void SubOfInt8WithBroadcasting()
    {
        var a = Activation("a", DataType.Int8, 0.04f, 2, 2, 3, 4);
        var b = Activation("b", DataType.Int8, 0.03f, -5, 3, 1) with { Data = [7, 250, 128] };
        var output = Activation("out", DataType.Int8, 0.05f, 1, 2, 3, 4);
        AssertMatchesInterpreter("sub", [a, b, output], new Operator(OpType.Sub, [0, 1], [2]) { Options = new AddSubOptions(Mote.Graph.Activation.Relu) });
    }

    [HostCompilerFact]
    public void MeanOfInt16OverAxesThatDoNotMerge()
    {
        var input = Activation("in", DataType.Int16, 0.002f, 0, 2, 3, 4, 5);
        var output = Activation("out", DataType.Int16, 0.0013f, 0, 2, 4);
        AssertMatchesInterpreter("mean", [input, Ints("axes", 1, -1), output], new Operator(OpType.Mean, [0, 1], [2]) { Options = new ReducerOptions() });
    }

    [HostCompilerFact]
    public void MulOfInt8WithBroadcasting()
    {
        var a = Activation("a", DataType.Int8, 0.05f, -4, 2, 1, 5);
        var b = Activation("b", DataType.Int8, 0.02f, 9, 3, 1);
        var output = Activation("out", DataType.Int8, 0.004f, -20, 2, 3, 5);
        var model = new Model([new Subgraph([a, b, output], [new Operator(OpType.Mul, [0, 1], [2]) { Options = new MulDivOptions(Mote.Graph.Activation.Relu6) }], [0, 1], [2])]);
        AssertMatchesInterpreter(model, "mul");
    }

    [HostCompilerFact]
    public void MaxPoolOfInt16WithSamePaddingAndRelu()
    {
        var input = Activation("in", DataType.Int16, 0.001f, 0, 1, 7, 6, 3);
        var output = Activation("out", DataType.Int16, 0.001f, 0, 1, 4, 3, 3);
        AssertMatchesInterpreter("max_pool", [input, output],
            new Operator(OpType.MaxPool2D, [0], [1]) { Options = new Pool2DOptions(Padding.Same, 2, 2, 3, 3, Mote.Graph.Activation.Relu) });
    }

    [HostCompilerFact]
    public void LogisticOfInt8()
    {
        var input = Activation("in", DataType.Int8, 0.06f, 4, 1, 256);
        var output = Activation("out", DataType.Int8, 1f / 256, -128, 1, 256);
        AssertMatchesInterpreter("logistic", [input, output], new Operator(OpType.Logistic, [0], [1]));
    }

    [HostCompilerFact]
    public void TanhOfInt8()
    {
        var input = Activation("in", DataType.Int8, 0.03f, -6, 1, 256);
        var output = Activation("out", DataType.Int8, 1f / 128, 0, 1, 256);
        AssertMatchesInterpreter("tanh", [input, output], new Operator(OpType.Tanh, [0], [1]));
    }

    [HostCompilerFact]
    public void SoftmaxOfInt8ToInt16()
    {
        var input = Activation("in", DataType.Int8, 0.09f, -7, 3, 10);
        var output = Activation("out", DataType.Int16, 1f / 32768, -32768, 3, 10);
        AssertMatchesInterpreter("softmax16", [input, output], new Operator(OpType.Softmax, [0], [1]) { Options = new SoftmaxOptions(1f) });
    }

    [HostCompilerFact]
    public void ReluOfInt8Rescales()
    {
        var input = Activation("in", DataType.Int8, 0.05f, 10, 1, 64);
        var output = Activation("out", DataType.Int8, 0.02f, -128, 1, 64);
        AssertMatchesInterpreter("relu", [input, output], new Operator(OpType.Relu, [0], [1]));
    }

    [HostCompilerFact]
    public void Relu6OfInt16()
    {
        var input = Activation("in", DataType.Int16, 0.0003f, 0, 1, 64);
        AssertMatchesInterpreter("relu6", [input, input with { Name = "out" }], new Operator(OpType.Relu6, [0], [1]));
    }

    [HostCompilerFact]
    public void ConcatenationOfThreeInputsAlongAnInnerAxis()
    {
        var a = Activation("a", DataType.Int8, 0.1f, 3, 2, 3, 4);
        var b = Activation("b", DataType.Int8, 0.1f, 3, 2, 1, 4) with { Data = [.. Enumerable.Range(0, 8).Select(v => (byte)(v * 29))] };
        var c = Activation("c", DataType.Int8, 0.1f, 3, 2, 2, 4);
        var output = Activation("out", DataType.Int8, 0.1f, 3, 2, 6, 4);
        var model = new Model([new Subgraph([a, b, c, output], [new Operator(OpType.Concatenation, [0, 1, 2], [3]) { Options = new ConcatenationOptions(1) }], [0, 2], [3])]);
        AssertMatchesInterpreter(model, "concatenation");
    }

    [HostCompilerFact]
    public void SqueezeAndExpandDimsAreReshapes()
    {
        var input = Activation("in", DataType.Int8, 0.1f, 0, 1, 5, 1, 3);
        var squeezed = Activation("squeezed", DataType.Int8, 0.1f, 0, 5, 3);
        var output = Activation("out", DataType.Int8, 0.1f, 0, 5, 3, 1);
        var model = new Model([new Subgraph([input, squeezed, Ints("axis", -1), output],
            [new Operator(OpType.Squeeze, [0], [1]) { Options = new SqueezeOptions([0, 2]) }, new Operator(OpType.ExpandDims, [1, 2], [3])], [0], [3])]);
        AssertMatchesInterpreter(model, "squeeze_expand_dims");
    }

    private static Tensor Activation(string name, DataType type, float scale, long zeroPoint, params int[] shape) =>
        new(name, type, Shape.Of(shape)) { Quantization = QuantizationParameters.PerTensor(scale, zeroPoint) };

    private static Tensor Ints(string name, params int[] values) =>
        new(name, DataType.Int32, Shape.Of(values.Length)) { Data = [.. MemoryMarshal.AsBytes(values.AsSpan())] };

    /// <summary>A model of one operator whose first input and output are the model's.</summary>
    private static void AssertMatchesInterpreter(string name, Tensor[] tensors, Operator op) =>
        AssertMatchesInterpreter(new Model([new Subgraph([.. tensors], [op], [op.Inputs[0]], [op.Outputs[0]])]), name);

    private static void AssertMatchesInterpreter(Model model, string name)
    {
        var cases = Enumerable.Range(ReferenceCase.DefaultSeed, Cases).Select(seed => ReferenceCase.Create(model, name, seed)).ToList();
        GeneratedProgram.AssertMatches(model, name, cases);
    }
}
