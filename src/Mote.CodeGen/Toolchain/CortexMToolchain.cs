using System.Globalization;

namespace Mote.CodeGen.Toolchain;

/// <summary>
/// Builds a generated library for a Cortex-M (arm-none-eabi-gcc with newlib-nano, Mote's startup code and the board's
/// linker script) and runs it on the QEMU board that emulates the core, with semihosting: the program's output reaches
/// the console and its exit ends the emulation.
/// </summary>
public sealed class CortexMToolchain
{
    public const string CompilerInstallCommand = "sudo apt-get install -y gcc-arm-none-eabi libnewlib-arm-none-eabi";

    public const string EmulatorInstallCommand = "sudo apt-get install -y qemu-system-arm";

    /// <summary>Vector table and reset handler, shared by every board.</summary>
    public const string StartupFile = "cortex_m_startup.c";

    /// <summary>The section layout every board's linker script includes.</summary>
    public const string SectionsFile = "cortex_m_sections.ld";

    /// <summary>The optimization level of a deploy build unless asked otherwise.</summary>
    public const string DefaultOptimization = "-Os";

    // newlib-nano's C library with libnosys's stubs: the test programs talk to QEMU through their own semihosting
    // calls, so no stdio (and none of its buffers) is linked.
    private static readonly IReadOnlyList<string> s_linkFlags =
    [
        "-mthumb", "-ffunction-sections", "-fdata-sections", "--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections",
    ];

    private readonly string _gcc;
    private readonly string _size;
    private readonly string _nm;

    private CortexMToolchain(string gcc, string size, string nm)
    {
        _gcc = gcc;
        _size = size;
        _nm = nm;
    }

    public static bool IsInstalled =>
        ProcessRunner.Find("arm-none-eabi-gcc") is not null && ProcessRunner.Find("qemu-system-arm") is not null;

    /// <summary>
    /// The cross compiler on <paramref name="searchPath"/> (default: PATH); throws <see cref="ToolchainMissingException"/>
    /// with the install command when it is missing.
    /// </summary>
    public static CortexMToolchain Locate(string? searchPath = null) => new(
        ProcessRunner.Find("arm-none-eabi-gcc", searchPath) ?? throw new ToolchainMissingException("arm-none-eabi-gcc", CompilerInstallCommand),
        ProcessRunner.Find("arm-none-eabi-size", searchPath) ?? throw new ToolchainMissingException("arm-none-eabi-size", CompilerInstallCommand),
        ProcessRunner.Find("arm-none-eabi-nm", searchPath) ?? throw new ToolchainMissingException("arm-none-eabi-nm", CompilerInstallCommand));

    /// <summary>qemu-system-arm on <paramref name="searchPath"/> (default: PATH), or <see cref="ToolchainMissingException"/> with its install command.</summary>
    public static string LocateEmulator(string? searchPath = null) =>
        ProcessRunner.Find("qemu-system-arm", searchPath) ?? throw new ToolchainMissingException("qemu-system-arm", EmulatorInstallCommand);

    /// <summary>Builds <paramref name="sources"/> for a Cortex-M4 at <see cref="DefaultOptimization"/>.</summary>
    public ProcessResult Build(string directory, IEnumerable<string> sources, string elf, TimeSpan timeout) =>
        Build(directory, sources, elf, timeout, CortexMTarget.CortexM4);

    /// <summary>
    /// Writes the board files into <paramref name="directory"/> and links <paramref name="sources"/> (relative to it)
    /// with them into <paramref name="elf"/> for <paramref name="target"/>.
    /// </summary>
    public ProcessResult Build(
        string directory, IEnumerable<string> sources, string elf, TimeSpan timeout, CortexMTarget target, string optimization = DefaultOptimization)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var file in target.BoardFiles)
        {
            File.WriteAllText(Path.Combine(directory, file), CRuntime.Read(file));
        }

        return ProcessRunner.Run(
            _gcc,
            [.. HostCompiler.StrictFlags, .. target.CpuFlags, optimization, .. s_linkFlags, "-T", target.LinkerScript, "-I.", .. sources, StartupFile, "-o", elf],
            directory,
            timeout);
    }

    /// <summary>Compiles one source to a Cortex-M4 object file, for measuring the code a library adds.</summary>
    public ProcessResult CompileObject(string directory, string source, string objectFile, TimeSpan timeout) =>
        ProcessRunner.Run(_gcc, [.. HostCompiler.StrictFlags, .. CortexMTarget.CortexM4.CpuFlags, "-mthumb", DefaultOptimization, "-I.", "-c", source, "-o", objectFile], directory, timeout);

    public CodeSize Size(string directory, string file)
    {
        var result = ProcessRunner.Run(_size, [file], directory, TimeSpan.FromSeconds(30));
        return result.Succeeded ? CodeSize.Parse(result.Output) : throw new InvalidOperationException($"size failed: {result.Output}");
    }

    /// <summary>Every sized symbol of <paramref name="file"/>, as nm reports it.</summary>
    public IReadOnlyList<ImageSymbol> Symbols(string directory, string file)
    {
        var result = ProcessRunner.Run(_nm, ["--print-size", file], directory, TimeSpan.FromSeconds(30));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"nm failed: {result.Output}");
        }

        // Lines are "address size type name"; symbols without a size have three fields.
        var symbols = new List<ImageSymbol>();
        foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 4)
            {
                symbols.Add(new ImageSymbol(
                    ulong.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    long.Parse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    fields[2][0],
                    fields[3]));
            }
        }

        return symbols;
    }

    /// <summary>Runs an image on QEMU's mps2-an386 (Cortex-M4) with semihosting; the result carries the program's output and exit code.</summary>
    public static ProcessResult Emulate(string directory, string elf, TimeSpan timeout) =>
        Emulate(directory, elf, timeout, CortexMTarget.CortexM4);

    /// <summary>
    /// Runs an image on <paramref name="target"/>'s QEMU board with semihosting. <paramref name="arguments"/> become the
    /// program's semihosting command line; with <paramref name="plugin"/> (a TCG plugin's path, optionally followed by
    /// its ",name=value" arguments, as QEMU's -plugin takes them) QEMU loads that plugin and shows its output (-d plugin).
    /// </summary>
    public static ProcessResult Emulate(
        string directory, string elf, TimeSpan timeout, CortexMTarget target, IReadOnlyList<string>? arguments = null, string? plugin = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var qemu = LocateEmulator();
        // QEMU separates -semihosting-config options by commas; a comma inside a value is written twice.
        var semihosting = "enable=on,target=native" + string.Concat((arguments ?? []).Prepend(elf).Select(a => ",arg=" + a.Replace(",", ",,", StringComparison.Ordinal)));
        List<string> options = ["-machine", target.Machine, "-nographic", "-semihosting-config", semihosting, "-kernel", elf];
        if (plugin is not null)
        {
            options.AddRange(["-plugin", plugin, "-d", "plugin"]);
        }

        return ProcessRunner.Run(qemu, options, directory, timeout);
    }
}
