namespace Mote.CodeGen.Toolchain;

/// <summary>
/// Builds a generated library for a Cortex-M4 (arm-none-eabi-gcc, newlib-nano with semihosting stdio) and runs it on
/// QEMU's mps2-an386 board, where the program's printf reaches the console and its exit code ends the emulation.
/// </summary>
public sealed class CortexMToolchain
{
    public const string CompilerInstallCommand = "sudo apt-get install -y gcc-arm-none-eabi libnewlib-arm-none-eabi";

    public const string EmulatorInstallCommand = "sudo apt-get install -y qemu-system-arm";

    /// <summary>The board support files a build adds to the library: startup code and linker script.</summary>
    public static readonly IReadOnlyList<string> BoardFiles = ["mps2_an386_startup.c", "mps2_an386.ld"];

    private static readonly IReadOnlyList<string> s_targetFlags =
    [
        "-mcpu=cortex-m4", "-mthumb", "-O2", "-ffunction-sections", "-fdata-sections",
        "--specs=nano.specs", "--specs=rdimon.specs", "-Wl,--gc-sections", "-T", "mps2_an386.ld",
    ];

    private readonly string _gcc;
    private readonly string _size;

    private CortexMToolchain(string gcc, string size)
    {
        _gcc = gcc;
        _size = size;
    }

    public static bool IsInstalled =>
        ProcessRunner.Find("arm-none-eabi-gcc") is not null && ProcessRunner.Find("qemu-system-arm") is not null;

    /// <summary>The cross compiler on PATH; throws <see cref="ToolchainMissingException"/> with the install command when it is missing.</summary>
    public static CortexMToolchain Locate() => new(
        ProcessRunner.Find("arm-none-eabi-gcc") ?? throw new ToolchainMissingException("arm-none-eabi-gcc", CompilerInstallCommand),
        ProcessRunner.Find("arm-none-eabi-size") ?? throw new ToolchainMissingException("arm-none-eabi-size", CompilerInstallCommand));

    /// <summary>Writes the board files into <paramref name="directory"/> and links <paramref name="sources"/> with them into <paramref name="elf"/>.</summary>
    public ProcessResult Build(string directory, IEnumerable<string> sources, string elf, TimeSpan timeout)
    {
        foreach (var file in BoardFiles)
        {
            File.WriteAllText(Path.Combine(directory, file), CRuntime.Read(file));
        }

        return ProcessRunner.Run(_gcc, [.. HostCompiler.StrictFlags, .. s_targetFlags, "-I.", .. sources, BoardFiles[0], "-o", elf], directory, timeout);
    }

    /// <summary>Compiles one source to a Cortex-M4 object file, for measuring the code a library adds.</summary>
    public ProcessResult CompileObject(string directory, string source, string objectFile, TimeSpan timeout) =>
        ProcessRunner.Run(_gcc, [.. HostCompiler.StrictFlags, "-mcpu=cortex-m4", "-mthumb", "-Os", "-I.", "-c", source, "-o", objectFile], directory, timeout);

    public CodeSize Size(string directory, string file)
    {
        var result = ProcessRunner.Run(_size, [file], directory, TimeSpan.FromSeconds(30));
        return result.Succeeded ? CodeSize.Parse(result.Output) : throw new InvalidOperationException($"size failed: {result.Output}");
    }

    /// <summary>Runs an image on QEMU's mps2-an386 with semihosting; the result carries the program's output and exit code.</summary>
    public static ProcessResult Emulate(string directory, string elf, TimeSpan timeout)
    {
        var qemu = ProcessRunner.Find("qemu-system-arm") ?? throw new ToolchainMissingException("qemu-system-arm", EmulatorInstallCommand);
        return ProcessRunner.Run(qemu, ["-machine", "mps2-an386", "-nographic", "-semihosting", "-kernel", elf], directory, timeout);
    }
}
