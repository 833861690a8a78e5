using Mote.Graph;

namespace Mote.Runtime.Tests;

/// <summary>
/// Element-wise kernels on one-operator graphs against values worked out by hand from TFLM's reference arithmetic.
/// The scales are chosen so that every requantization multiplier is an exact power of two.
/// </summary>
public sealed class ElementwiseKernelTests
{
    [Fact]
    public void Int8_relu6_clamps_raw_values_to_quantized_zero_and_six()
    {
        // zero = −10, six = round(6 / 0.05) − 10 = 110.
        var q = QuantizationParameters.PerTensor(0.05f, -10);
        sbyte[] output = RunInt8(OpType.Relu6, NoOptions.Instance, q, q, [-128, -11, -10, 0, 109, 110, 111, 127]);
        Assert.Equal(new sbyte[] { -10, -10, -10, 0, 109, 110, 110, 110 }, output);
    }

    [Fact]
    public void Int8_relu_rescales_to_the_output_and_clamps_at_its_zero()
    {
        // Input scale 0.5, output 0.25 with zero point −5: q_out = −5 + 2·q_in, at least −5.
        sbyte[] output = RunInt8(OpType.Relu, NoOptions.Instance,
            QuantizationParameters.PerTensor(0.5f, 0), QuantizationParameters.PerTensor(0.25f, -5), [-3, 0, 1, 60, 70]);
        Assert.Equal(new sbyte[] { -5, -5, -3, 115, 127 }, output);
    }

    [Fact]
    public void Int8_tanh_follows_the_fixed_point_function_and_saturates_beyond_the_radius()
    {
        // Input scale 1/16: q = 16 is 1.0. The output is Q0.7: tanh(1) · 128 = 97.5 → 97, tanh(0.5) · 128 = 59.2 → 59;
        // the radius is 15·2^27 / 2^24 = 120, so |q| ≥ 120 saturates.
        sbyte[] output = RunInt8(OpType.Tanh, NoOptions.Instance,
            QuantizationParameters.PerTensor(1f / 16, 0), QuantizationParameters.PerTensor(1f / 128, 0), [0, 16, -16, 8, 119, 120, -128]);
        Assert.Equal(new sbyte[] { 0, 97, -97, 59, 127, 127, -128 }, output);
    }

    [Fact]
    public void Int8_logistic_writes_scale_1_256_with_zero_point_minus_128()
    {
        // sigmoid(0) = 0.5 → 128 − 128 = 0; sigmoid(±1) · 256 = 187.1 / 68.9 → 59 / −59.
        sbyte[] output = RunInt8(OpType.Logistic, NoOptions.Instance,
            QuantizationParameters.PerTensor(1f / 16, 0), QuantizationParameters.PerTensor(1f / 256, -128), [0, 16, -16, 127, -128]);
        Assert.Equal(new sbyte[] { 0, 59, -59, 127, -128 }, output);
    }

    [Fact]
    public void Int8_mul_requantizes_the_product_of_the_offset_inputs()
    {
        // (a − 1)·0.5 × (b + 2)·0.25 / 0.125 = (a − 1)(b + 2); saturates at 127.
        var a = new Tensor("a", DataType.Int8, Shape.Of(4)) { Quantization = QuantizationParameters.PerTensor(0.5f, 1) };
        var b = new Tensor("b", DataType.Int8, Shape.Of(4)) { Quantization = QuantizationParameters.PerTensor(0.25f, -2) };
        var output = new Tensor("out", DataType.Int8, Shape.Of(4)) { Quantization = QuantizationParameters.PerTensor(0.125f, 0) };
        var mul = new Operator(OpType.Mul, [0, 1], [2]) { Options = new MulDivOptions() };
        var interpreter = Interpreter.Create(new Model([new Subgraph([a, b, output], [mul], [0, 1], [2])]), "m");
        interpreter.SetInput(0, Bytes([3, -1, 11, 127]));
        interpreter.SetInput(1, Bytes([2, 0, 10, 127]));
        interpreter.Invoke();
        Assert.Equal(new sbyte[] { 8, -4, 120, 127 }, Sbytes(interpreter.GetOutput(0)));
    }

    [Fact]
    public void Float_logistic_uses_tflite_cutoffs()
    {
        var input = new Tensor("in", DataType.Float32, Shape.Of(3));
        var output = new Tensor("out", DataType.Float32, Shape.Of(3));
        var op = new Operator(OpType.Logistic, [0], [1]) { Options = NoOptions.Instance };
        var interpreter = Interpreter.Create(new Model([new Subgraph([input, output], [op], [0], [1])]), "m");
        interpreter.SetInput(0, new float[] { 0f, 20f, -10f }.SelectMany(BitConverter.GetBytes).ToArray());
        interpreter.Invoke();
        var result = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(interpreter.GetOutput(0)).ToArray();
        Assert.Equal(new[] { 0.5f, 1f, MathF.Exp(-10f) }, result);
    }

    private static sbyte[] RunInt8(OpType type, OperatorOptions options, QuantizationParameters inputQ, QuantizationParameters outputQ, sbyte[] values)
    {
        var input = new Tensor("in", DataType.Int8, Shape.Of(values.Length)) { Quantization = inputQ };
        var output = new Tensor("out", DataType.Int8, Shape.Of(values.Length)) { Quantization = outputQ };
        var op = new Operator(type, [0], [1]) { Options = options };
        var interpreter = Interpreter.Create(new Model([new Subgraph([input, output], [op], [0], [1])]), "m");
        interpreter.SetInput(0, Bytes(values));
        interpreter.Invoke();
        return Sbytes(interpreter.GetOutput(0));
    }

    private static byte[] Bytes(sbyte[] values) => Array.ConvertAll(values, v => unchecked((byte)v));

    private static sbyte[] Sbytes(ReadOnlySpan<byte> bytes) => Array.ConvertAll(bytes.ToArray(), v => unchecked((sbyte)v));
}
