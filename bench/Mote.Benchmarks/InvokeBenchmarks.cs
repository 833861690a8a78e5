using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Mote.Runtime;
using Mote.TfLite;

namespace Mote.Benchmarks;

/// <summary>
/// One <see cref="Interpreter.Invoke"/> of each int8 conformance model (../shared/conformance beside the folder
/// holding Mote.slnx) on its case_0 input, the input TFLM's <c>host_latency</c> in the manifests was measured with.
/// </summary>
[MedianColumn]
public class InvokeBenchmarks
{
    private Interpreter _interpreter = null!;

    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = "";

    public static IEnumerable<string> Models()
    {
        string? root = ConformanceRoot();
        if (root is null)
        {
            return [];
        }

        return Directory.GetDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, "model.tflite")) && IsInt8(Path.Combine(d, "manifest.json")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);
    }

    [GlobalSetup]
    public void Setup()
    {
        string folder = Path.Combine(ConformanceRoot() ?? throw new InvalidOperationException("conformance data not found"), Model);
        _interpreter = Interpreter.Create(TfLiteReader.ReadFile(Path.Combine(folder, "model.tflite")), Model);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "manifest.json")));
        var inputs = manifest.RootElement.GetProperty("cases")[0].GetProperty("inputs");
        for (int i = 0; i < inputs.GetArrayLength(); i++)
        {
            _interpreter.SetInput(i, File.ReadAllBytes(Path.Combine(folder, inputs[i].GetString()!)));
        }
    }

    [Benchmark]
    public void Invoke() => _interpreter.Invoke();

    private static bool IsInt8(string manifestPath)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        return manifest.RootElement.GetProperty("inputs").EnumerateArray().All(i => i.GetProperty("dtype").GetString() == "INT8");
    }

    private static string? ConformanceRoot()
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
