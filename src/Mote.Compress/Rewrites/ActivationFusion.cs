using Mote.Graph;

namespace Mote.Compress.Rewrites;

/// <summary>
/// RELU, RELU6 or RELU_N1_TO_1 that alone reads the output of an operator without a fused activation becomes that
/// operator's fused activation: the producer then writes the activation's output tensor directly.
/// </summary>
internal static class ActivationFusion
{
    public static bool Apply(GraphEditor graph, List<string> log)
    {
        var changed = false;
        for (var i = 0; i < graph.Operators.Count; i++)
        {
            if (graph.Operators[i] is not { } op || FusedActivations.Of(op) != Activation.None || op.Outputs.Count != 1)
            {
                continue;
            }

            if (graph.SoleConsumer(op.Outputs[0]) is not { } next
                || graph.Operators[next] is not { } activation
                || FusedActivations.Standalone(activation.Type) is not { } fused)
            {
                continue;
            }

            graph.Operators[i] = FusedActivations.With(op, fused) with { Outputs = activation.Outputs };
            graph.Operators[next] = null;
            log.Add($"fused {activation.DisplayName} into {op.DisplayName} ({graph.Tensors[activation.Outputs[0]].Name})");
            changed = true;
        }

        return changed;
    }
}
