using System.Runtime.InteropServices;
using Mote.Graph;
using Mote.Runtime;
using Mote.Train;

namespace Mote.Compress.Distillation;

/// <summary>
/// Runs a float teacher model in Mote's interpreter over a data set once, giving the logits distillation trains
/// against. A teacher whose output comes from SOFTMAX gives log-probabilities, which differ from its logits by a
/// per-item constant that softmax ignores, so both kinds of classifier can teach.
/// </summary>
public static class TeacherLogits
{
    // Probabilities below this are rounding noise; clamping keeps log finite.
    private const float SmallestProbability = 1e-30f;

    /// <summary>Count × classes logits, item by item; <paramref name="source"/> names the model in errors.</summary>
    public static float[] Compute(Model teacher, string source, Dataset data)
    {
        var graph = teacher.Main;
        if (graph.Inputs.Count != 1 || graph.Outputs.Count != 1)
        {
            throw new InvalidModelException(source, "a teacher needs one input and one output");
        }

        var input = graph.Tensors[graph.Inputs[0]];
        var output = graph.Tensors[graph.Outputs[0]];
        if (input.Type != DataType.Float32 || output.Type != DataType.Float32)
        {
            throw new InvalidModelException(source, "a teacher must be a float32 model (float input and output)");
        }

        if (input.Shape.ElementCount != data.ItemSize)
        {
            throw new InvalidModelException(source, $"the teacher's input holds {input.Shape.ElementCount} values, the data's items {data.ItemSize}");
        }

        var classes = (int)output.Shape.ElementCount;
        var probabilities = graph.Operators.Any(o => o.Type == OpType.Softmax && o.Outputs.Contains(graph.Outputs[0]));
        var logits = new float[data.Count * classes];

        // Items are independent, so each worker runs its own interpreter over a contiguous range; the result does not
        // depend on how the ranges are scheduled. Interpreters are created here so that an unsupported model fails
        // on the caller's thread with the model's name.
        var workers = Math.Max(1, Math.Min(Environment.ProcessorCount, data.Count));
        var interpreters = Enumerable.Range(0, workers).Select(_ => Interpreter.Create(teacher, source)).ToArray();
        Parallel.For(0, workers, worker =>
        {
            var interpreter = interpreters[worker];
            var end = (int)((long)data.Count * (worker + 1) / workers);
            for (var item = (int)((long)data.Count * worker / workers); item < end; item++)
            {
                interpreter.SetInput(0, MemoryMarshal.AsBytes(data.Inputs.AsSpan(item * data.ItemSize, data.ItemSize)));
                interpreter.Invoke();
                var row = logits.AsSpan(item * classes, classes);
                MemoryMarshal.Cast<byte, float>(interpreter.GetOutput(0)).CopyTo(row);
                if (probabilities)
                {
                    foreach (ref var value in row)
                    {
                        value = MathF.Log(MathF.Max(value, SmallestProbability));
                    }
                }
            }
        });
        return logits;
    }
}
