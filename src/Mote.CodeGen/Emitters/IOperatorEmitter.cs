using Mote.Graph;

namespace Mote.CodeGen.Emitters;

/// <summary>Generates the C of one operator type: its constants, the runtime files it needs, and the call into the fixed C runtime.</summary>
internal interface IOperatorEmitter
{
    /// <summary>Bytes of arena scratch the operator's kernel needs while it runs (planned before any emitter runs; 0 for none).</summary>
    long ScratchBytes(Subgraph subgraph, Operator op) => 0;

    /// <summary>Checks the operator (throwing an <see cref="InvalidModelException"/> naming it), names its runtime files and writes its C.</summary>
    void Emit(LayerContext layer);
}
