using Mote.Graph;

namespace Mote.Compress.Rewrites;

/// <summary>
/// Removes operators that do nothing: RESHAPE, SQUEEZE and EXPAND_DIMS whose output shape equals their input's, CAST
/// to the same type, and a RESHAPE of a RESHAPE's output (the second reshapes the first's input directly, leaving the
/// first unused when nothing else reads it). Readers of a removed operator's output read its input instead; an
/// operator whose output is a graph output is kept, so the model's interface never changes.
/// </summary>
internal static class IdentityRemoval
{
    public static bool Apply(GraphEditor graph, List<string> log)
    {
        var changed = false;
        for (var i = 0; i < graph.Operators.Count; i++)
        {
            if (graph.Operators[i] is not { } op || op.Outputs.Count != 1 || op.Inputs.Count == 0 || op.Inputs[0] < 0)
            {
                continue;
            }

            var input = op.Inputs[0];
            var output = op.Outputs[0];
            if (IsIdentity(graph, op) && !graph.IsGraphOutput(output))
            {
                graph.RedirectReaders(output, input);
                graph.Operators[i] = null;
                log.Add($"removed {op.DisplayName} ({graph.Tensors[output].Name}): its output equals its input");
                changed = true;
            }
            else if (op.Type == OpType.Reshape && Producer(graph, input) is { Type: OpType.Reshape } first)
            {
                graph.Operators[i] = op with { Inputs = [first.Inputs[0], .. op.Inputs.Skip(1)] };
                if (graph.Consumers(input).Count == 0 && !graph.IsGraphOutput(input))
                {
                    graph.Operators[graph.Operators.IndexOf(first)] = null;
                }

                log.Add($"merged two RESHAPEs into one ({graph.Tensors[output].Name})");
                changed = true;
            }
        }

        return changed;
    }

    private static bool IsIdentity(GraphEditor graph, Operator op)
    {
        var input = graph.Tensors[op.Inputs[0]];
        var output = graph.Tensors[op.Outputs[0]];
        return op.Type switch
        {
            OpType.Reshape or OpType.Squeeze or OpType.ExpandDims => input.Shape == output.Shape && input.Type == output.Type && input.Quantization == output.Quantization,
            OpType.Cast => input.Type == output.Type && input.Quantization == output.Quantization,
            _ => false,
        };
    }

    private static Operator? Producer(GraphEditor graph, int tensor) =>
        graph.Operators.FirstOrDefault(op => op is not null && op.Outputs.AsSpan().Contains(tensor));
}
