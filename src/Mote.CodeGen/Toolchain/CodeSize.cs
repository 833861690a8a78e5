namespace Mote.CodeGen.Toolchain;

/// <summary>Section sizes of a linked image as `size` reports them: flash holds text and data, RAM holds data and bss.</summary>
public sealed record CodeSize(long Text, long Data, long Bss)
{
    public long FlashBytes => Text + Data;

    public long RamBytes => Data + Bss;

    /// <summary>Parses the Berkeley-format output of `size FILE` (a header line, then "text data bss dec hex file").</summary>
    public static CodeSize Parse(string output)
    {
        var fields = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return new CodeSize(long.Parse(fields[0]), long.Parse(fields[1]), long.Parse(fields[2]));
    }
}
