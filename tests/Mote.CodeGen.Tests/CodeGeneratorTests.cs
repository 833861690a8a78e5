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
