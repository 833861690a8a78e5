using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels.Common;

/// <summary>
/// The Eval of operators that only reinterpret the shape (RESHAPE, SQUEEZE, EXPAND_DIMS): copy the bytes, or do
/// nothing when the memory planner placed the output on the input.
/// </summary>
internal sealed class CopyOperation(int input, int output) : IOperation
{
    public static IOperation Prepare(KernelContext context)
    {
        var input = context.Input(0);
        var output = context.Output(0);
        context.Require(input.Type == output.Type, $"input {input.Type.TfLiteName()} and output {output.Type.TfLiteName()} types differ");
        context.Require(input.Shape.ElementCount == output.Shape.ElementCount, $"input {input.Shape} and output {output.Shape} sizes differ");
        return new CopyOperation(context.InputIndex(0), context.OutputIndex(0));
    }

    // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]

    public void Eval(TensorBuffers buffers)
    {
        ReadOnlySpan<byte> source = buffers.Bytes(input);
        var target = buffers.Bytes(output);
        if (!source.Overlaps(target, out int offset) || offset != 0)
        {
            source.CopyTo(target);
        }
    }
}
