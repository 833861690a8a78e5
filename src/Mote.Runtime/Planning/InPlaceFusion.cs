using Mote.Graph;

namespace Mote.Runtime.Planning;

/// <summary>
/// Two consecutive operators that a code generator runs as one: the producer computes its output a band at a time
/// into scratch, and the elementwise consumer (ADD, SUB, MUL) applies each band at once to its other input, the
/// <see cref="Target"/>, writing the result over it. The producer's output (<see cref="Elided"/>) is then never stored
/// whole and gets no arena buffer, and the consumer's output shares the target's buffer.
/// <para>
/// The target is overwritten while the producer runs, so it must not be read by the producer or by any operator after
/// the consumer, and it must not be a graph input or output; the elided tensor must be read by the consumer alone.
/// Only <see cref="TryCreate"/> makes an instance, so every instance satisfies these conditions.
/// </para>
/// </summary>
public sealed class InPlaceFusion
{
    private InPlaceFusion(Subgraph subgraph, int producer, int elided, int target, int output)
    {
        Subgraph = subgraph;
        Producer = producer;
        Elided = elided;
        Target = target;
        Output = output;
    }

    /// <summary>The subgraph whose operators are fused.</summary>
    public Subgraph Subgraph { get; }

    /// <summary>Index of the producing operator; the consumer is the next one.</summary>
    public int Producer { get; }

    public int Consumer => Producer + 1;

    /// <summary>The producer's output, read only by the consumer.</summary>
    public int Elided { get; }

    /// <summary>The consumer's other input, whose buffer receives the consumer's output.</summary>
    public int Target { get; }

    /// <summary>The consumer's output.</summary>
    public int Output { get; }

    /// <summary>The fusion of operator <paramref name="producer"/> with the operator after it, or null when the buffers do not allow it.</summary>
    public static InPlaceFusion? TryCreate(Subgraph subgraph, int producer)
    {
        ArgumentNullException.ThrowIfNull(subgraph);
        if (producer < 0 || producer + 1 >= subgraph.Operators.Count)
        {
            return null;
        }

        var first = subgraph.Operators[producer];
        var consumer = subgraph.Operators[producer + 1];
        if (first.Outputs.Count != 1 || first.Outputs[0] < 0
            || consumer.Type is not (OpType.Add or OpType.Sub or OpType.Mul)
            || consumer.Inputs.Count != 2 || consumer.Outputs.Count != 1 || consumer.Outputs[0] < 0)
        {
            return null;
        }

        int elided = first.Outputs[0];
        int target = consumer.Inputs[0] == elided ? consumer.Inputs[1] : consumer.Inputs[1] == elided ? consumer.Inputs[0] : -1;
        int output = consumer.Outputs[0];
        if (target < 0 || target == elided || !FusionTensors.InArena(subgraph, elided) || !FusionTensors.InArena(subgraph, target)
            || subgraph.Tensors[elided].Shape != subgraph.Tensors[output].Shape
            || !InPlaceOperators.CandidateInputs(subgraph, consumer).Contains(target)
            || !FusionTensors.ReadOnlyBy(subgraph, elided, producer + 1)
            || subgraph.Inputs.Contains(target) || subgraph.Outputs.Contains(target) || first.Inputs.Contains(target))
        {
            return null;
        }

        for (int step = 0; step < subgraph.Operators.Count; step++)
        {
            var op = subgraph.Operators[step];
            bool readsTargetLater = step > producer + 1 && op.Inputs.Contains(target);
            bool writesTargetLate = step >= producer && op.Outputs.Contains(target);
            if (readsTargetLater || writesTargetLate)
            {
                return null;
            }
        }

        return new InPlaceFusion(subgraph, producer, elided, target, output);
    }
}
