namespace Mote.CodeGen.Toolchain;

/// <summary>A compiler or emulator that is not installed, with the one command that installs it.</summary>
public sealed class ToolchainMissingException(string tool, string installCommand)
    : Exception($"{tool} was not found on PATH; install it with: {installCommand}")
{
    public string Tool { get; } = tool;

    public string InstallCommand { get; } = installCommand;
}
