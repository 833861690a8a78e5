namespace Mote.CodeGen.Toolchain;

/// <summary>
/// The host gcc: compiles a generated library with a test main as strict C99 with the address and undefined-behaviour
/// sanitizers (any finding aborts the run), and builds the QEMU plugin Mote ships as C.
/// </summary>
public sealed class HostCompiler
{
    public const string InstallCommand = "sudo apt-get install -y gcc";

    /// <summary>The warnings the generated C must be clean under.</summary>
    public static readonly IReadOnlyList<string> StrictFlags = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"];

    public static readonly IReadOnlyList<string> SanitizerFlags = ["-O2", "-fsanitize=address,undefined", "-fno-sanitize-recover=all"];

    private readonly string _gcc;

    private HostCompiler(string gcc) => _gcc = gcc;

    public static bool IsInstalled => ProcessRunner.Find("gcc") is not null;

    /// <summary>The gcc on <paramref name="searchPath"/> (default: PATH); throws <see cref="ToolchainMissingException"/> with the install command when there is none.</summary>
    public static HostCompiler Locate(string? searchPath = null) =>
        new(ProcessRunner.Find("gcc", searchPath) ?? throw new ToolchainMissingException("gcc", InstallCommand));

    /// <summary>Compiles and links <paramref name="sources"/> (relative to <paramref name="directory"/>) into <paramref name="executable"/>.</summary>
    public ProcessResult Build(string directory, IEnumerable<string> sources, string executable, TimeSpan timeout) =>
        ProcessRunner.Run(_gcc, [.. StrictFlags, .. SanitizerFlags, "-I.", .. sources, "-o", executable], directory, timeout);

    /// <summary>Compiles one source to an object file without sanitizers, for measuring code size.</summary>
    public ProcessResult CompileObject(string directory, string source, string objectFile, string optimization, TimeSpan timeout) =>
        ProcessRunner.Run(_gcc, [.. StrictFlags, optimization, "-I.", "-c", source, "-o", objectFile], directory, timeout);

    /// <summary>Compiles one source into a shared library (position-independent), e.g. a QEMU plugin.</summary>
    public ProcessResult BuildSharedLibrary(string directory, string source, string library, TimeSpan timeout) =>
        ProcessRunner.Run(_gcc, [.. StrictFlags, "-O2", "-shared", "-fPIC", source, "-o", library], directory, timeout);
}
