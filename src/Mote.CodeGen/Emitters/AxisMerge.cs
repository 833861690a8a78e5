namespace Mote.CodeGen.Emitters;

/// <summary>
/// Shortens a walk over an index space for the C kernels that walk axes (mote_copy, mote_mean): axes of one element
/// are dropped and neighbouring axes merged where every view steps over the inner one contiguously, so the innermost
/// axis is as long a run as the views allow and fewer axes are walked.
/// </summary>
internal static class AxisMerge
{
    /// <summary>The merged dims and, for each view, its steps (in elements); always at least one axis.</summary>
    public static (int[] Dims, int[][] Steps) Merge(int[] dims, params int[][] steps)
    {
        var merged = new List<int>();
        var mergedSteps = steps.Select(_ => new List<int>()).ToArray();
        for (int a = 0; a < dims.Length; a++)
        {
            if (dims[a] == 1)
            {
                continue;
            }

            int last = merged.Count - 1;
            if (last >= 0 && Enumerable.Range(0, steps.Length).All(v => mergedSteps[v][last] == steps[v][a] * dims[a]))
            {
                merged[last] *= dims[a];
                for (int v = 0; v < steps.Length; v++)
                {
                    mergedSteps[v][last] = steps[v][a];
                }
            }
            else
            {
                merged.Add(dims[a]);
                for (int v = 0; v < steps.Length; v++)
                {
                    mergedSteps[v].Add(steps[v][a]);
                }
            }
        }

        if (merged.Count == 0)
        {
            return ([1], [.. steps.Select(_ => new[] { 1 })]);
        }

        return ([.. merged], [.. mergedSteps.Select(s => s.ToArray())]);
    }

    /// <summary>A C array initializer: "{1, 2, 3}".</summary>
    public static string List(IEnumerable<int> values) =>
        "{" + string.Join(", ", values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "}";
}
