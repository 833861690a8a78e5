namespace Mote.CodeGen.Toolchain;

/// <summary>A compiler or emulator run that failed, with what the tool printed.</summary>
public sealed class ToolchainFailedException(string step, string output)
    : Exception($"{step} failed:\n{output}")
{
    public string Step { get; } = step;

    public string Output { get; } = output;
}
