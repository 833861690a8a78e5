namespace Mote.CodeGen.Toolchain;

/// <summary>
/// A Cortex-M core Mote builds for, the QEMU board that emulates it, and its compiler flags: the core, its FPU and
/// the hard-float ABI (newlib has a hard-float library for each of these cores).
/// </summary>
public sealed record CortexMTarget(string Name, string Machine, string LinkerScript, IReadOnlyList<string> CpuFlags)
{
    public static readonly CortexMTarget CortexM4 =
        new("cortex-m4", "mps2-an386", "mps2_an386.ld", ["-mcpu=cortex-m4", "-mfpu=fpv4-sp-d16", "-mfloat-abi=hard"]);

    public static readonly CortexMTarget CortexM7 =
        new("cortex-m7", "mps2-an500", "mps2_an500.ld", ["-mcpu=cortex-m7", "-mfpu=fpv5-d16", "-mfloat-abi=hard"]);

    public static readonly CortexMTarget CortexM33 =
        new("cortex-m33", "mps2-an505", "mps2_an505.ld", ["-mcpu=cortex-m33", "-mfpu=fpv5-sp-d16", "-mfloat-abi=hard"]);

    // -mcpu=cortex-m55 brings the FPU and MVE (Helium) itself.
    public static readonly CortexMTarget CortexM55 =
        new("cortex-m55", "mps3-an547", "mps3_an547.ld", ["-mcpu=cortex-m55", "-mfloat-abi=hard"]);

    public static IReadOnlyList<CortexMTarget> All { get; } = [CortexM4, CortexM7, CortexM33, CortexM55];

    /// <summary>The target called <paramref name="name"/> ("cortex-m4", ...), or null.</summary>
    public static CortexMTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>The board files a build adds: the shared startup code and section layout, and this board's memory map.</summary>
    public IReadOnlyList<string> BoardFiles => [CortexMToolchain.StartupFile, CortexMToolchain.SectionsFile, LinkerScript];
}
