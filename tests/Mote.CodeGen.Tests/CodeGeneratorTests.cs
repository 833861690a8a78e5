using Mote.Graph;
using Mote.Testing;

namespace Mote.CodeGen.Tests;

public sealed class CodeGeneratorTests
{
    [Fact]
    public void UnsupportedOperatorIsRefusedByName()
    {
        var input = new Tensor("in", DataType.Int8, Shape.Of(1, 4)) { Quantization = QuantizationParameters.PerTensor(0.1f, 0) };
        var output = input with { Name = "out" };
        var model = new Model([new Subgraph([input, output], [new Operator(OpType.HardSwish, [0], [1])], [0], [1])]);

        var error = Assert.Throws<InvalidModelException>(() => CodeGenerator.Generate(model, "tiny", "tiny.tflite"));

        Assert.Contains("HARD_SWISH (operator 0)", error.Message);
        Assert.Equal(["HARD_SWISH (operator 0)"], CodeGenerator.UnsupportedOperators(model));
    }

    [Theory]
    [InlineData(0.5f, 1000L, 0L, "tensor out has zero point 1000, outside INT8")]
    [InlineData(0f, 0L, 0L, "tensor out has scale 0, not a positive number")]
    [InlineData(0.5f, 0L, 3L, "weights must be symmetric (zero point 0)")]
    public void MalformedQuantizationIsRefusedNamingTheTensor(float outputScale, long outputZeroPoint, long weightZeroPoint, string problem)
    {
        var input = new Tensor("in", DataType.Int8, Shape.Of(1, 4)) { Quantization = QuantizationParameters.PerTensor(0.1f, 0) };
        var weights = new Tensor("w", DataType.Int8, Shape.Of(2, 4)) { Quantization = QuantizationParameters.PerTensor(0.01f, weightZeroPoint), Data = new byte[8] };
        var output = new Tensor("out", DataType.Int8, Shape.Of(1, 2)) { Quantization = QuantizationParameters.PerTensor(outputScale, outputZeroPoint) };
        var fc = new Operator(OpType.FullyConnected, [0, 1, -1], [2]) { Options = new FullyConnectedOptions() };
        var model = new Model([new Subgraph([input, weights, output], [fc], [0], [2])]);

        var error = Assert.Throws<InvalidModelException>(() => CodeGenerator.Generate(model, "tiny", "tiny.tflite"));

        Assert.Contains($"operator 0 (FULLY_CONNECTED): {problem}", error.Message);
    }

    [Fact]
    public void ATensorOverTwoGigabytesIsRefused()
    {
        var input = new Tensor("in", DataType.Int8, Shape.Of(1, 65536, 65536)) { Quantization = QuantizationParameters.PerTensor(0.1f, 0) };
        var output = input with { Name = "out" };
        var model = new Model([new Subgraph([input, output], [new Operator(OpType.Relu, [0], [1])], [0], [1])]);

        var error = Assert.Throws<InvalidModelException>(() => CodeGenerator.Generate(model, "tiny", "tiny.tflite"));

        Assert.Contains("tensor 0 (in) has shape", error.Message);
        Assert.Contains("over 2 GB", error.Message);
    }

    [ConformanceFact]
    public void SupportedOperatorWithUnsupportedTypesIsRefusedNamingTheOperatorAndTheTypes()
    {
        var error = Assert.Throws<InvalidModelException>(() => CodeGenerator.Generate(ConformanceCases.Load("mnist_lstm_float"), "lstm", "mnist_lstm_float"));

        Assert.Contains("operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM): type combination FLOAT32", error.Message);
    }

    [Fact]
    public void NameMustBeACIdentifier()
    {
        var model = new Model([new Subgraph([], [], [], [])]);

        Assert.Throws<ArgumentException>(() => CodeGenerator.Generate(model, "My-Model", "m.tflite"));
    }

    [ConformanceFact]
    public void LibraryHoldsOnlyTheKernelsTheModelUses()
    {
        var library = CodeGenerator.Generate(ConformanceCases.Load("kws_ref"), "kws", "kws_ref");
        var names = library.Files.Select(f => f.Name).ToList();
        var source = library.Files.Single(f => f.Name == "kws.c").Text;
        var header = library.Files.Single(f => f.Name == "kws.h").Text;

        Assert.Contains("mote_conv2d_s8.c", names);
        Assert.Contains("mote_softmax_s8.c", names);
        Assert.DoesNotContain("mote_add_s8.c", names);
        Assert.Contains($"static int8_t arena[{library.ArenaBytes}] MOTE_ALIGNED(16);", source);
        Assert.Contains("void kws_invoke(const int8_t* input, int8_t* output);", header);
        Assert.Contains("#define KWS_OUTPUT_SIZE 12", header);
        Assert.DoesNotContain("malloc", string.Concat(library.Files.Select(f => f.Text)));
    }

    [ConformanceFact]
    public void MultiInputModelTakesOneArgumentPerTensor()
    {
        var library = CodeGenerator.Generate(ConformanceCases.Load("simple_add_int8"), "add", "simple_add_int8");

        Assert.Contains(
            "void add_invoke(const int8_t* input0, const int8_t* input1, int8_t* output);",
            library.Files.Single(f => f.Name == "add.h").Text);
    }
}
