namespace Mote.CodeGen.Emitters;

/// <summary>Generates the C of one operator type: its constants, and the call into the fixed C runtime.</summary>
internal interface IOperatorEmitter
{
    /// <summary>The C runtime files (headers first) the emitted call needs, besides <see cref="CRuntime.CommonHeader"/>.</summary>
    IReadOnlyList<string> RuntimeFiles { get; }

    /// <summary>Checks the operator (throwing an <see cref="Mote.Graph.InvalidModelException"/> naming it) and writes its C.</summary>
    void Emit(LayerContext layer);
}
