using System.Text.Json;

namespace Mote.Analysis.Tests.Conformance;

/// <summary>
/// The TFLM conformance models in ../shared/conformance next to the repository (found by walking up from the test
/// binaries to the folder holding Mote.slnx). Absent on machines without the shared data; tests then skip.
/// </summary>
internal static class ConformanceData
{
    public static string? Directory { get; } = Locate();

    /// <summary>Why conformance tests skip, or null when the data is there.</summary>
    public static string? SkipReason =>
        Directory is null ? "../shared/conformance not found next to the repository (the folder holding Mote.slnx)" : null;

    /// <summary>Folders whose manifest gives TFLM's 32-bit arena size, in name order.</summary>
    public static IEnumerable<string> ModelNames() =>
        Directory is null
            ? []
            : System.IO.Directory.GetDirectories(Directory)
                .Where(d => File.Exists(Path.Combine(d, "manifest.json")) && ArmhfArenaBytes(Path.GetFileName(d)) is not null)
                .Select(Path.GetFileName)
                .Order(StringComparer.Ordinal)!;

    public static string ModelPath(string name) => Path.Combine(Directory!, name, "model.tflite");

    /// <summary>TFLM's <c>arena_used_bytes</c> built for 32-bit ARM, from the model's manifest.</summary>
    public static long? ArmhfArenaBytes(string name)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory!, name, "manifest.json")));
        return manifest.RootElement.TryGetProperty("arena_used_bytes_armhf", out var bytes) ? bytes.GetInt64() : null;
    }

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mote.slnx")))
            {
                string shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance"));
                return System.IO.Directory.Exists(shared) ? shared : null;
            }
        }

        return null;
    }
}
