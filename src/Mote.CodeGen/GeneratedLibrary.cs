namespace Mote.CodeGen;

/// <summary>
/// A model as a standalone C99 library: NAME.h (entry points and constants), NAME.c (weights, parameters, arena,
/// one call per layer) and the runtime files its kernels need.
/// </summary>
/// <param name="StateBytes">
/// Bytes of the variable tensors (LSTM and SVDF state) kept from one invocation to the next; when there are any, the
/// library also has NAME_reset, which sets them back to their initial values.
/// </param>
public sealed record GeneratedLibrary(
    string Name, IReadOnlyList<GeneratedFile> Files, long ArenaBytes, long StateBytes, IReadOnlyList<CTensor> Inputs, IReadOnlyList<CTensor> Outputs)
{
    /// <summary>The .c files to compile.</summary>
    public IEnumerable<string> Sources => Files.Select(f => f.Name).Where(n => n.EndsWith(".c", StringComparison.Ordinal));

    /// <summary>Whether the model keeps state between invocations, so that NAME_reset exists.</summary>
    public bool HasState => StateBytes > 0;
}
