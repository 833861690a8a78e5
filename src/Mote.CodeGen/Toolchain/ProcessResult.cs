namespace Mote.CodeGen.Toolchain;

/// <summary>How a tool run ended: its exit code (-1 when killed at the time limit) and its stdout and stderr together.</summary>
public sealed record ProcessResult(int ExitCode, string Output, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}
