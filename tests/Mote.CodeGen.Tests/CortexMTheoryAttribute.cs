using Mote.CodeGen.Toolchain;
using Mote.Testing;

namespace Mote.CodeGen.Tests;

/// <summary>A theory that runs generated C on an emulated Cortex-M4: skipped, with the reason, without the models or the tools.</summary>
public sealed class CortexMTheoryAttribute : TheoryAttribute
{
    public CortexMTheoryAttribute()
    {
        if (Conformance.Directory is null)
        {
            Skip = Conformance.SkipReason;
        }
        else if (!CortexMToolchain.IsInstalled)
        {
            Skip = $"arm-none-eabi-gcc or qemu-system-arm not found; install them with: {CortexMToolchain.CompilerInstallCommand} qemu-system-arm";
        }
    }
}
