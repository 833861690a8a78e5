using Mote.CodeGen.Toolchain;
using Mote.Testing;

namespace Mote.Cli.Tests;

/// <summary>A fact that runs `mote deploy --emulate`: skipped, with the reason, without the conformance models or the Arm tools.</summary>
public sealed class CortexMFactAttribute : FactAttribute
{
    public CortexMFactAttribute()
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
