using Mote.Runtime.Planning;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// Consecutive operators emitted as one call into the C runtime, at the first one's step. The planner learns from
/// <see cref="InPlace"/> and <see cref="Chains"/> which tensors are never stored whole and which buffers are shared.
/// </summary>
internal interface IFusedEmitter
{
    /// <summary>Index of the first operator of the run.</summary>
    int First { get; }

    /// <summary>Number of operators in the run.</summary>
    int Count { get; }

    IReadOnlyList<InPlaceFusion> InPlace { get; }

    IReadOnlyList<ChainFusion> Chains { get; }

    /// <summary>The elided tensors, each with the bytes of the scratch that holds a part of it at a time (a band or a window).</summary>
    IReadOnlyList<(int Tensor, long Bytes)> Parts { get; }

    /// <summary>Writes the run's constants and its call; <paramref name="layers"/> are the run's operators, in order.</summary>
    void Emit(IReadOnlyList<LayerContext> layers);
}
