namespace Mote.CodeGen;

/// <summary>
/// A model as a standalone C99 library: NAME.h (entry point and constants), NAME.c (weights, parameters, arena,
/// one call per layer) and the runtime files its kernels need.
/// </summary>
public sealed record GeneratedLibrary(string Name, IReadOnlyList<GeneratedFile> Files, long ArenaBytes, IReadOnlyList<CTensor> Inputs, IReadOnlyList<CTensor> Outputs)
{
    /// <summary>The .c files to compile.</summary>
    public IEnumerable<string> Sources => Files.Select(f => f.Name).Where(n => n.EndsWith(".c", StringComparison.Ordinal));
}
