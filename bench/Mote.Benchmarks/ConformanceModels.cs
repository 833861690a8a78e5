using System.Text.Json;
using Mote.Runtime;
using Mote.TfLite;

namespace Mote.Benchmarks;

/// <summary>
/// The TFLM conformance models in ../shared/conformance beside the folder holding Mote.slnx: which ones to time, TFLM's
/// latency from their manifests, and an interpreter loaded with case_0, the input TFLM's latency was measured with.
/// </summary>
internal static class ConformanceModels
{
    private static readonly Lazy<string?> s_root = new(Locate);

    public static string Root => s_root.Value ?? throw new InvalidOperationException("conformance data not found: expected ../shared/conformance beside Mote.slnx");

    /// <summary>Models whose inputs are all int8.</summary>
    public static IEnumerable<string> Int8() => Select(types => types.All(t => t == "INT8"));

    /// <summary>Models whose inputs are all integers (int8, the int16 SEANet layers and audio front end, int32 shapes).</summary>
    public static IEnumerable<string> Quantized() => Select(types => types.All(t => t is "INT8" or "INT16" or "INT32"));

    /// <summary>TFLM's <c>host_latency.median_us</c> from the model's manifest, or null when it gives none.</summary>
    public static double? TflmMedianMicroseconds(string model)
    {
        using var manifest = ReadManifest(model);
        return manifest.RootElement.TryGetProperty("host_latency", out var latency) && latency.TryGetProperty("median_us", out var median)
            ? median.GetDouble()
            : null;
    }

    /// <summary>An interpreter for the model with case_0's inputs set.</summary>
    public static Interpreter Load(string model)
    {
        string folder = Path.Combine(Root, model);
        var interpreter = Interpreter.Create(TfLiteReader.ReadFile(Path.Combine(folder, "model.tflite")), model);
        using var manifest = ReadManifest(model);
        var inputs = manifest.RootElement.GetProperty("cases")[0].GetProperty("inputs");
        for (int i = 0; i < inputs.GetArrayLength(); i++)
        {
            interpreter.SetInput(i, File.ReadAllBytes(Path.Combine(folder, inputs[i].GetString()!)));
        }

        return interpreter;
    }

    private static IEnumerable<string> Select(Func<IEnumerable<string>, bool> inputTypes)
    {
        if (s_root.Value is not { } root)
        {
            return [];
        }

        return Directory.GetDirectories(root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(m => File.Exists(Path.Combine(root, m, "model.tflite")) && File.Exists(Path.Combine(root, m, "manifest.json")))
            .Where(m =>
            {
                using var manifest = ReadManifest(m);
                return inputTypes(manifest.RootElement.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("dtype").GetString()!).ToList());
            })
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static JsonDocument ReadManifest(string model) => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, model, "manifest.json")));

    private static string? Locate()
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
}
