using System.Runtime.InteropServices;
using Mote.Graph;
using Mote.Runtime;

namespace Mote.Compress.Tests;

/// <summary>Runs a float32 single-input, single-output model in Mote's interpreter.</summary>
public static class FloatRun
{
    public static float[][] Outputs(Model model, IEnumerable<float[]> inputs)
    {
        var interpreter = Interpreter.Create(model, "model under test");
        var outputs = new List<float[]>();
        foreach (var input in inputs)
        {
            interpreter.SetInput(0, MemoryMarshal.AsBytes(input.AsSpan()));
            interpreter.Invoke();
            outputs.Add(MemoryMarshal.Cast<byte, float>(interpreter.GetOutput(0)).ToArray());
        }

        return [.. outputs];
    }

    /// <summary><paramref name="count"/> inputs of <paramref name="size"/> values uniform in [-1, 1), from a fixed seed.</summary>
    public static List<float[]> RandomInputs(int count, int size, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, size).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray())];
    }
}
