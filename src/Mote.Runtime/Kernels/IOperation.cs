using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels;

/// <summary>A prepared operator: its OpData (everything Prepare computed) and an Eval that only loops.</summary>
internal interface IOperation
{
    void Eval(TensorBuffers buffers);
}
