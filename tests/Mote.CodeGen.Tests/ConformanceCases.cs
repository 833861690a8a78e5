using System.Text.Json;
using Mote.Graph;
using Mote.Testing;
using Mote.TfLite;

namespace Mote.CodeGen.Tests;

/// <summary>The conformance models the C generator accepts, and their cases as raw bytes (read in place from ../shared).</summary>
public static class ConformanceCases
{
    private static readonly Lazy<string[]> s_generated = new(() => Conformance.ModelNames().Where(Generates).ToArray());

    /// <summary>xunit data: every conformance model whose C the generator produces.</summary>
    public static TheoryData<string> GeneratedModels => new(s_generated.Value);

    public static Model Load(string name) => TfLiteReader.ReadFile(Conformance.ModelPath(name));

    /// <summary>Every case of a model: the files its manifest names, in tensor order.</summary>
    public static IReadOnlyList<TestCase> Cases(string name)
    {
        var folder = Path.GetDirectoryName(Conformance.ModelPath(name))!;
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "manifest.json")));
        byte[][] Read(JsonElement files) => files.EnumerateArray().Select(f => File.ReadAllBytes(Path.Combine(folder, f.GetString()!))).ToArray();
        return manifest.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => new TestCase(Read(c.GetProperty("inputs")), Read(c.GetProperty("outputs"))))
            .ToList();
    }

    private static bool Generates(string name)
    {
        var model = Load(name);
        if (CodeGenerator.UnsupportedOperators(model).Count > 0)
        {
            return false;
        }

        try
        {
            CodeGenerator.Generate(model, "model", name);
            return true;
        }
        catch (InvalidModelException)
        {
            return false;
        }
    }
}
