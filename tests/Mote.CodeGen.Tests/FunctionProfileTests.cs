using Mote.CodeGen.Toolchain;

namespace Mote.CodeGen.Tests;

public sealed class FunctionProfileTests
{
    private static readonly ImageSymbol[] s_symbols =
    [
        new(0x100, 0x40, 'T', "kernel"),
        new(0x140, 0x10, 't', "helper"),
        new(0x2000, 0x400, 'D', "weights"),
    ];

    [Fact]
    public void Blocks_are_attributed_to_the_function_holding_their_first_instruction_and_differenced()
    {
        var without = Output("100 5 2", "200 3 1");
        var with = Output("100 5 12", "120 4 10", "148 2 7", "200 3 1", "200 3 2", "90 1 9");

        var profile = FunctionProfile.Attribute(with, without, s_symbols);

        // kernel: 5×12 + 4×10 − 5×2; helper: 2×7; outside: 0x200 (3×3 − 3×1) and 0x90 (1×9).
        Assert.Equal(
            [new("kernel", 90), new(FunctionProfile.OutsideFunctions, 15), new("helper", 14)],
            profile);
    }

    [Fact]
    public void A_data_symbol_never_holds_code()
    {
        var profile = FunctionProfile.Attribute(Output("2010 4 1"), Output(), s_symbols);

        Assert.Equal([new(FunctionProfile.OutsideFunctions, 4)], profile);
    }

    [Fact]
    public void An_output_without_the_completion_line_is_refused()
    {
        var truncated = "mote-block: 100 5 2\nmote-instructions: 10\n";

        var error = Assert.Throws<InvalidOperationException>(() => FunctionProfile.Attribute(truncated, Output(), s_symbols));
        Assert.Contains("every executed block", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mote-block: 100 5")]
    [InlineData("mote-block: xyz 5 2")]
    [InlineData("mote-block: 100 -5 2")]
    public void A_malformed_block_line_is_refused_naming_it(string line)
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionProfile.Attribute(Output() + line + "\n", Output(), s_symbols));
        Assert.Contains(line, error.Message, StringComparison.Ordinal);
    }

    private static string Output(params string[] blocks) =>
        string.Concat(blocks.Select(b => $"mote-block: {b}\n")) + "mote-profile: complete\nmote-instructions: 0\n";
}
