using System.Text.Json;

namespace Mote.Runtime.Tests;

/// <summary>
/// Locates ../shared/conformance (TFLM reference outputs, see its README) next to the repository root, which is the
/// folder holding Mote.slnx above the test binaries.
/// </summary>
internal static class Conformance
{
    public static string? Root { get; } = FindRoot();

    public const string MissingReason = "conformance data not found: expected ../shared/conformance beside the folder containing Mote.slnx";

    public static IEnumerable<string> Models() =>
        Root is null
            ? []
            : Directory.GetDirectories(Root)
                .Where(d => File.Exists(Path.Combine(d, "model.tflite")) && File.Exists(Path.Combine(d, "manifest.json")))
                .Select(Path.GetFileName)
                .OfType<string>()
                .Order(StringComparer.Ordinal);

    public static string ModelPath(string model) => Path.Combine(Root!, model, "model.tflite");

    public static Manifest ReadManifest(string model)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root!, model, "manifest.json")));
        var root = document.RootElement;
        var cases = root.GetProperty("cases").EnumerateArray()
            .Select(c => new Case(
                c.GetProperty("id").GetInt32(),
                c.GetProperty("inputs").EnumerateArray().Select(e => Path.Combine(Root!, model, e.GetString()!)).ToArray(),
                c.GetProperty("outputs").EnumerateArray().Select(e => Path.Combine(Root!, model, e.GetString()!)).ToArray()))
            .ToArray();
        var outputTypes = root.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("dtype").GetString()!).ToArray();
        return new Manifest(cases, outputTypes);
    }

    /// <summary>TFLM's <c>arena_used_bytes</c> on 32-bit ARM (armhf) from the model's manifest.</summary>
    public static long ArmhfArenaBytes(string model)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root!, model, "manifest.json")));
        return document.RootElement.GetProperty("arena_used_bytes_armhf").GetInt64();
    }

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mote.slnx")))
            {
                string candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }

    internal sealed record Manifest(Case[] Cases, string[] OutputTypes);

    internal sealed record Case(int Id, string[] Inputs, string[] Outputs);
}

/// <summary>A theory that is skipped, with the reason shown, when the conformance data is absent.</summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (Conformance.Root is null)
        {
            Skip = Conformance.MissingReason;
        }
    }
}

/// <summary>A fact that is skipped, with the reason shown, when the conformance data is absent.</summary>
public sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        if (Conformance.Root is null)
        {
            Skip = Conformance.MissingReason;
        }
    }
}
