using Mote.Graph;
using Mote.Testing;
using Mote.TfLite;

namespace Mote.Cli.Tests;

/// <summary>
/// Every case of every conformance model through `mote run MODEL --input ... --output ...`: the case's raw input files go
/// in as they are, and the output files the command writes must match TFLM's (integers byte for byte, floats within
/// the runtime tests' tolerance).
/// </summary>
public sealed class RunConformanceTests(RunConformanceTests.OutputFolder folder) : IClassFixture<RunConformanceTests.OutputFolder>
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string model in Conformance.ModelNames())
        {
            foreach (var c in Conformance.ReadManifest(model).Cases)
            {
                data.Add(model, c.Id);
            }
        }

        return data;
    }

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Case_matches_TFLM_through_mote_run(string model, int caseId)
    {
        var manifest = Conformance.ReadManifest(model);
        var testCase = manifest.Cases.Single(c => c.Id == caseId);
        string[] outputs = testCase.Outputs.Select((_, i) => Path.Combine(folder.Path, $"{model}.case{caseId}.output{i}.bin")).ToArray();
        string[] args = ["run", Conformance.ModelPath(model), .. testCase.Inputs.SelectMany(f => new[] { "--input", f }), .. outputs.SelectMany(f => new[] { "--output", f })];

        var run = CliRun.Of(args);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var graph = TfLiteReader.ReadFile(Conformance.ModelPath(model)).Main;
        for (int i = 0; i < outputs.Length; i++)
        {
            int elementSize = graph.Tensors[graph.Outputs[i]].Type.ElementSize();
            ConformanceAssert.OutputMatches(manifest.OutputTypes[i], elementSize, File.ReadAllBytes(testCase.Outputs[i]), File.ReadAllBytes(outputs[i]), i);
        }
    }

    /// <summary>One temporary folder for every case's output files, removed after the class's tests.</summary>
    public sealed class OutputFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("mote-run-conformance-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
