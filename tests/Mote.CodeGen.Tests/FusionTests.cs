using Mote.Runtime;
using Mote.Testing;

namespace Mote.CodeGen.Tests;

/// <summary>Which convolutions and ADDs the generator fuses, and what that saves in the arena.</summary>
public sealed class FusionTests
{
    [ConformanceFact]
    public void EveryResidualBlockOfTheResNetRunsFused()
    {
        var model = ConformanceCases.Load("ic_resnet_int8");
        var library = CodeGenerator.Generate(model, "resnet", "ic_resnet_int8");
        var source = library.Files.Single(f => f.Name == "resnet.c").Text;

        // Block 1: CONV_2D → CONV_2D → ADD chained in one call. Blocks 2 and 3: the strided CONV_2D chained into the
        // next one, and the shortcut's 1x1 CONV_2D fused with the ADD.
        Assert.Equal(3, Occurrences(source, "mote_conv2d_chain_s8(&"));
        Assert.Equal(2, Occurrences(source, "mote_conv2d_add_s8(&"));
        Assert.Equal(0, Occurrences(source, "mote_add_s8(&"));
        Assert.Contains("mote_conv2d_chain_s8.c", library.Files.Select(f => f.Name));

        // The peak was three 32x32x16 tensors (the skip and both convolutions' outputs). Fused, it is block 2's input
        // (32x32x16, read by both branches) and one 16x16x32 output, with a window, a band and im2col rows.
        const int activation = 32 * 32 * 16;
        Assert.True(Interpreter.Create(model, "ic_resnet_int8").ArenaBytes >= 3 * activation);
        Assert.InRange(library.ArenaBytes, activation + (activation / 2), activation + (activation / 2) + 3072);
    }

    [ConformanceFact]
    public void AModelWithoutResidualAddsIsGeneratedAsBefore()
    {
        var library = CodeGenerator.Generate(ConformanceCases.Load("kws_ref"), "kws", "kws_ref");

        Assert.DoesNotContain("mote_conv2d_add_s8", string.Concat(library.Files.Select(f => f.Text)));
        Assert.DoesNotContain("mote_conv2d_chain_s8", string.Concat(library.Files.Select(f => f.Text)));
    }

    private static int Occurrences(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
