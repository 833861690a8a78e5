using Mote.Graph;

namespace Mote.Runtime.Planning;

/// <summary>
/// Two consecutive operators that a code generator runs as one, at the producer's step: the consumer is computed a band
/// of output rows at a time, and the producer fills a small window with only the rows of its output that the band
/// reads. The producer's output (<see cref="Elided"/>) is then never stored whole and gets no arena buffer; the
/// consumer's output (<see cref="Output"/>) is written while the producer's input is still read, so it lives from the
/// producer's step on.
/// <para>
/// The elided tensor must be read by the consumer alone, once, and must not be a graph input or output; the consumer
/// reads no other activation. Only <see cref="TryCreate"/> makes an instance, so every instance satisfies this.
/// </para>
/// </summary>
public sealed class ChainFusion
{
    private ChainFusion(Subgraph subgraph, int producer, int elided, int output)
    {
        Subgraph = subgraph;
        Producer = producer;
        Elided = elided;
        Output = output;
    }

    /// <summary>The subgraph whose operators are fused.</summary>
    public Subgraph Subgraph { get; }

    /// <summary>Index of the producing operator; the consumer is the next one.</summary>
    public int Producer { get; }

    public int Consumer => Producer + 1;

    /// <summary>The producer's output, read only by the consumer.</summary>
    public int Elided { get; }

    /// <summary>The consumer's output.</summary>
    public int Output { get; }

    /// <summary>The chain of operator <paramref name="producer"/> into the operator after it, or null when the tensors do not allow it.</summary>
    public static ChainFusion? TryCreate(Subgraph subgraph, int producer)
    {
        ArgumentNullException.ThrowIfNull(subgraph);
        if (producer < 0 || producer + 1 >= subgraph.Operators.Count)
        {
            return null;
        }

        var first = subgraph.Operators[producer];
        var consumer = subgraph.Operators[producer + 1];
        if (first.Outputs.Count != 1 || consumer.Outputs.Count != 1
            || !FusionTensors.InArena(subgraph, first.Outputs[0]) || !FusionTensors.InArena(subgraph, consumer.Outputs[0]))
        {
            return null;
        }

        int elided = first.Outputs[0];
        if (!FusionTensors.ReadOnlyBy(subgraph, elided, producer + 1) || consumer.Inputs.Count(t => t == elided) != 1
            || consumer.Inputs.Any(t => t != elided && FusionTensors.InArena(subgraph, t)))
        {
            return null;
        }

        return new ChainFusion(subgraph, producer, elided, consumer.Outputs[0]);
    }
}
