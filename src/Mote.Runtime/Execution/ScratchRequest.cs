namespace Mote.Runtime.Execution;

/// <summary>Working memory an operator needs during its Eval only (e.g. widened weights rows, accumulators).</summary>
internal readonly record struct ScratchRequest(int OperatorIndex, long Size);
