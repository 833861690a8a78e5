using Mote.Runtime;
using Mote.Testing;

namespace Mote.CodeGen.Tests;

/// <summary>Which CONV_2D → ADD pairs the generator fuses, and what that saves in the arena.</summary>
public sealed class FusedConv2DAddTests
{
    [ConformanceFact]
    public void EveryResidualAddOfTheResNetIsFusedWithItsConvolution()
    {
        var model = ConformanceCases.Load("ic_resnet_int8");
        var library = CodeGenerator.Generate(model, "resnet", "ic_resnet_int8");
        var source = library.Files.Single(f => f.Name == "resnet.c").Text;

        // Three residual blocks, each ending in CONV_2D → ADD with the block's input as the ADD's other operand.
        Assert.Equal(3, Occurrences(source, "mote_conv2d_add_s8(&"));
        Assert.Equal(0, Occurrences(source, "mote_add_s8(&"));
        Assert.Contains("mote_conv2d_add_s8.c", library.Files.Select(f => f.Name));

        // The peak was three 32x32x16 tensors (the skip and both convolutions' outputs); fused, two remain, with a
        // band and im2col rows of under 1 KB.
        const int activation = 32 * 32 * 16;
        Assert.True(Interpreter.Create(model, "ic_resnet_int8").ArenaBytes >= 3 * activation);
        Assert.InRange(library.ArenaBytes, 2 * activation, (2 * activation) + 1024);
    }

    [ConformanceFact]
    public void AModelWithoutResidualAddsIsGeneratedAsBefore()
    {
        var library = CodeGenerator.Generate(ConformanceCases.Load("kws_ref"), "kws", "kws_ref");

        Assert.DoesNotContain("mote_conv2d_add_s8", string.Concat(library.Files.Select(f => f.Text)));
    }

    private static int Occurrences(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
