using Mote.Graph;

namespace Mote.TfLite.Tests;

/// <summary>Names the first place two models differ, so a failed round trip says where, not just that.</summary>
public static class ModelDiff
{
    public static string? FirstDifference(Model expected, Model actual)
    {
        if (expected.Subgraphs.Count != actual.Subgraphs.Count)
        {
            return $"subgraph count {expected.Subgraphs.Count} vs {actual.Subgraphs.Count}";
        }

        for (var s = 0; s < expected.Subgraphs.Count; s++)
        {
            var (e, a) = (expected.Subgraphs[s], actual.Subgraphs[s]);
            if (e.Tensors.Count != a.Tensors.Count || e.Operators.Count != a.Operators.Count)
            {
                return $"subgraph {s}: {e.Tensors.Count}/{e.Operators.Count} vs {a.Tensors.Count}/{a.Operators.Count} tensors/operators";
            }

            for (var t = 0; t < e.Tensors.Count; t++)
            {
                if (e.Tensors[t] != a.Tensors[t])
                {
                    return $"subgraph {s} tensor {t}: {e.Tensors[t]} vs {a.Tensors[t]}";
                }
            }

            for (var o = 0; o < e.Operators.Count; o++)
            {
                if (e.Operators[o] != a.Operators[o])
                {
                    return $"subgraph {s} operator {o}: {e.Operators[o]} vs {a.Operators[o]}";
                }
            }

            if (e != a)
            {
                return $"subgraph {s}: {e} vs {a}";
            }
        }

        return expected == actual ? null : $"model: {expected} vs {actual}";
    }
}
