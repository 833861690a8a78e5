using Mote.Graph;

namespace Mote.Runtime.Tests;

/// <summary>The interpreter on small hand-built graphs: load-time rejection, input checks, aliasing-free execution.</summary>
public sealed class InterpreterTests
{
    [Fact]
    public void Unsupported_operator_is_rejected_at_load_time_naming_it()
    {
        var model = SingleOperator(new Operator(OpType.Floor, [0], [1]), Float(2), Float(2));
        var error = Assert.Throws<InvalidModelException>(() => Interpreter.Create(model, "floor.tflite"));
        Assert.Equal("floor.tflite", error.Source);
        Assert.Contains("operator 0 (FLOOR)", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_type_combination_is_rejected_at_load_time()
    {
        var add = new Operator(OpType.Add, [0, 1], [2]) { Options = new AddSubOptions() };
        var uint8 = new Tensor("x", DataType.UInt8, Shape.Of(2));
        var error = Assert.Throws<InvalidModelException>(() => Interpreter.Create(SingleOperator(add, uint8, uint8, uint8), "m"));
        Assert.Contains("operator 0 (ADD)", error.Problem, StringComparison.Ordinal);
        Assert.Contains("UINT8", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SetInput_checks_the_length()
    {
        var add = new Operator(OpType.Add, [0, 1], [2]) { Options = new AddSubOptions() };
        var interpreter = Interpreter.Create(SingleOperator(add, Float(2), Float(2), Float(2)), "m");
        Assert.Throws<ArgumentException>(() => interpreter.SetInput(0, new byte[7]));
    }

    [Fact]
    public void Float_add_broadcasts_and_clamps()
    {
        var add = new Operator(OpType.Add, [0, 1], [2]) { Options = new AddSubOptions(Activation.Relu6) };
        var bias = Float(3) with { Data = Bytes(1f, -10f, 10f) };
        var graph = new Subgraph([Float(2, 3), bias, Float(2, 3)], [add], [0], [2]);
        var interpreter = Interpreter.Create(new Model([graph]), "m");
        interpreter.SetInput(0, Bytes(0f, 1f, 2f, 3f, 4f, 5f));
        interpreter.Invoke();
        Assert.Equal(Bytes(1f, 0f, 6f, 4f, 0f, 6f), interpreter.GetOutput(0).ToArray());
    }

    [Fact]
    public void Int8_fully_connected_requantizes_with_zero_points()
    {
        // real = 0.5 × (q − 1) for the input, weights scale 0.25, output 0.125 with zero point −3:
        // input q [3, 5] → real [1, 2]; weights [[4, −4]] → real [1, −1]; bias 2 (scale 0.125) → 0.25;
        // output real 1 − 2 + 0.25 = −0.75 → q = −0.75 / 0.125 − 3 = −9.
        var input = new Tensor("in", DataType.Int8, Shape.Of(1, 2)) { Quantization = QuantizationParameters.PerTensor(0.5f, 1) };
        var weights = new Tensor("w", DataType.Int8, Shape.Of(1, 2)) { Data = new byte[] { 4, unchecked((byte)-4) }, Quantization = QuantizationParameters.PerTensor(0.25f, 0) };
        var bias = new Tensor("b", DataType.Int32, Shape.Of(1)) { Data = BitConverter.GetBytes(2), Quantization = QuantizationParameters.PerTensor(0.125f, 0) };
        var output = new Tensor("out", DataType.Int8, Shape.Of(1, 1)) { Quantization = QuantizationParameters.PerTensor(0.125f, -3) };
        var fc = new Operator(OpType.FullyConnected, [0, 1, 2], [3]) { Options = new FullyConnectedOptions() };
        var interpreter = Interpreter.Create(new Model([new Subgraph([input, weights, bias, output], [fc], [0], [3])]), "m");
        interpreter.SetInput(0, [3, 5]);
        interpreter.Invoke();
        Assert.Equal(-9, (sbyte)interpreter.GetOutput(0)[0]);
    }

    private static Model SingleOperator(Operator op, params Tensor[] tensors) =>
        new([new Subgraph(tensors, [op], op.Inputs, op.Outputs)]);

    private static Tensor Float(params int[] shape) => new("t", DataType.Float32, Shape.Of(shape));

    private static byte[] Bytes(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();
}
