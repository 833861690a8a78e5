using Mote.CodeGen.Toolchain;
using Mote.Testing;

namespace Mote.CodeGen.Tests;

/// <summary>A theory that compiles generated C against the conformance models: skipped, with the reason, without either.</summary>
public sealed class HostCompilerTheoryAttribute : TheoryAttribute
{
    public HostCompilerTheoryAttribute()
    {
        if (Conformance.Directory is null)
        {
            Skip = Conformance.SkipReason;
        }
        else if (!HostCompiler.IsInstalled)
        {
            Skip = $"gcc not found; install it with: {HostCompiler.InstallCommand}";
        }
    }
}
