using Mote.CodeGen.Toolchain;

namespace Mote.CodeGen.Tests;

/// <summary>A test that compiles C with the host gcc: skipped, with the install command, without it.</summary>
public sealed class HostCompilerFactAttribute : FactAttribute
{
    public HostCompilerFactAttribute()
    {
        if (!HostCompiler.IsInstalled)
        {
            Skip = $"gcc not found; install it with: {HostCompiler.InstallCommand}";
        }
    }
}
