using System.Runtime.InteropServices;
using System.Text.Json;

namespace Mote.Testing;

/// <summary>
/// Locates the TFLM conformance data in ../shared/conformance next to the repository root (the folder holding
/// Mote.slnx, found by walking up from the test binaries) and reads it. Tests that need it use
/// <see cref="ConformanceFactAttribute"/> or <see cref="ConformanceTheoryAttribute"/>, which skip with a visible reason
/// when the folder is absent.
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

    public static string ModelPath(string name) => PathOf(name, "model.tflite");

    /// <summary>xunit data: one row per conformance model.</summary>
    public static TheoryData<string> Models => new(ModelNames());

    /// <summary>A path inside the conformance folder, e.g. <c>PathOf("micro_speech_frontend", "yes.audio.i16.bin")</c>.</summary>
    public static string PathOf(params string[] parts) =>
        Path.Combine([Directory ?? throw new InvalidOperationException(SkipReason), .. parts]);

    /// <summary>A raw little-endian file inside the conformance folder, as an array of <typeparamref name="T"/>.</summary>
    public static T[] ReadArray<T>(params string[] parts)
        where T : struct => MemoryMarshal.Cast<byte, T>(File.ReadAllBytes(PathOf(parts))).ToArray();

    /// <summary>A model's manifest.json: its cases (input and output files as full paths) and output types.</summary>
    public static Manifest ReadManifest(string model)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(PathOf(model, "manifest.json")));
        var root = document.RootElement;
        var cases = root.GetProperty("cases").EnumerateArray()
            .Select(c => new Case(
                c.GetProperty("id").GetInt32(),
                c.GetProperty("inputs").EnumerateArray().Select(e => PathOf(model, e.GetString()!)).ToArray(),
                c.GetProperty("outputs").EnumerateArray().Select(e => PathOf(model, e.GetString()!)).ToArray()))
            .ToArray();
        var outputTypes = root.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("dtype").GetString()!).ToArray();
        return new Manifest(cases, outputTypes);
    }

    /// <summary>
    /// TFLM's <c>arena_used_bytes</c> on 32-bit ARM (armhf) from the model's manifest, or null when the model has no
    /// manifest or its manifest does not give it.
    /// </summary>
    public static long? ArmhfArenaBytes(string model)
    {
        string path = PathOf(model, "manifest.json");
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.TryGetProperty("arena_used_bytes_armhf", out var bytes) ? bytes.GetInt64() : null;
    }

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
