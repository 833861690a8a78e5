namespace Mote.Testing;

/// <summary>
/// Locates the TFLM conformance models in ../shared/conformance next to the repository root (the folder holding
/// Mote.slnx, found by walking up from the test binaries). Tests that need them use <see cref="ConformanceFactAttribute"/>
/// or <see cref="ConformanceTheoryAttribute"/>, which skip with a visible reason when the folder is absent.
/// </summary>
public static class Conformance
{
    private static readonly Lazy<string?> s_directory = new(Locate);

    /// <summary>The conformance folder, or null when it is not present on this machine.</summary>
    public static string? Directory => s_directory.Value;

    public static string SkipReason =>
        $"conformance models not found: expected ../shared/conformance beside the repository root ({RepositoryRoot() ?? "Mote.slnx not found"})";

    /// <summary>Folder names of every conformance model (each holds a model.tflite), sorted.</summary>
    public static IReadOnlyList<string> ModelNames() =>
        Directory is null
            ? []
            : System.IO.Directory.GetDirectories(Directory)
                .Where(d => File.Exists(Path.Combine(d, "model.tflite")))
                .Select(d => Path.GetFileName(d)!)
                .Order(StringComparer.Ordinal)
                .ToArray();

    public static string ModelPath(string name) =>
        Path.Combine(Directory ?? throw new InvalidOperationException(SkipReason), name, "model.tflite");

    /// <summary>xunit data: one row per conformance model.</summary>
    public static TheoryData<string> Models => new(ModelNames());

    private static string? Locate()
    {
        var root = RepositoryRoot();
        var directory = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "conformance"));
        return directory is not null && System.IO.Directory.Exists(directory) ? directory : null;
    }

    private static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mote.slnx")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs the conformance models; skipped with the reason when they are absent.</summary>
public sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        if (Conformance.Directory is null)
        {
            Skip = Conformance.SkipReason;
        }
    }
}

/// <summary>A theory that needs the conformance models; skipped with the reason when they are absent.</summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (Conformance.Directory is null)
        {
            Skip = Conformance.SkipReason;
        }
    }
}
