using Mote.Graph;
using Mote.Testing;
using Mote.TfLite;

namespace Mote.Runtime.Tests;

/// <summary>Runs every case of every conformance model and compares with TFLM's reference outputs.</summary>
public sealed class ConformanceTests
{
    /// <summary>
    /// The one list of models the interpreter does not run yet, with the reason. Each must still be rejected when the
    /// interpreter is created, with an error naming the operator, so this list cannot go stale silently.
    /// </summary>
    private static readonly Dictionary<string, (string Operator, string Reason)> s_knownGaps = new()
    {
    };

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string model in Conformance.ModelNames().Where(m => !s_knownGaps.ContainsKey(m)))
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
    public void Case_matches_TFLM(string model, int caseId)
    {
        var manifest = Conformance.ReadManifest(model);
        var testCase = manifest.Cases.Single(c => c.Id == caseId);
        var interpreter = Interpreter.Create(TfLiteReader.ReadFile(Conformance.ModelPath(model)), model);
        for (int i = 0; i < testCase.Inputs.Length; i++)
        {
            interpreter.SetInput(i, File.ReadAllBytes(testCase.Inputs[i]));
        }

        interpreter.Invoke();

        for (int i = 0; i < testCase.Outputs.Length; i++)
        {
            ConformanceAssert.OutputMatches(
                manifest.OutputTypes[i], interpreter.Outputs[i].Type.ElementSize(), File.ReadAllBytes(testCase.Outputs[i]), interpreter.GetOutput(i), i);
        }
    }

    /// <summary>A fact rather than a theory over the gaps, so that an empty list is not an error.</summary>
    [Fact]
    public void Known_gaps_are_rejected_at_load_time()
    {
        foreach (string model in Conformance.ModelNames().Where(s_knownGaps.ContainsKey))
        {
            var (op, _) = s_knownGaps[model];
            var graph = TfLiteReader.ReadFile(Conformance.ModelPath(model));
            var error = Assert.Throws<InvalidModelException>(() => Interpreter.Create(graph, model));
            Assert.Contains(op, error.Problem, StringComparison.Ordinal);
            Assert.Contains("operator ", error.Problem, StringComparison.Ordinal);
        }
    }
}
