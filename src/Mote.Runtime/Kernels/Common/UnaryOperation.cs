using System.Runtime.CompilerServices;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels.Common;

/// <summary>An element function of one operand; a struct so that the loop below is specialized and inlined per function.</summary>
internal interface IUnaryFunction<TIn, TOut>
{
    TOut Apply(TIn value);
}

/// <summary>Eval of element-wise unary operators (activations); element i is read before it is written, so the output may alias the input.</summary>
internal sealed class UnaryOperation<TIn, TOut, TFunction>(int input, int output, TFunction function) : IOperation
    where TIn : unmanaged
    where TOut : unmanaged
    where TFunction : struct, IUnaryFunction<TIn, TOut>
{
    public UnaryOperation(KernelContext context, TFunction function)
        : this(context.InputIndex(0), context.OutputIndex(0), function)
    {
        context.Require(context.Input(0).Shape.ElementCount == context.Output(0).Shape.ElementCount,
            $"input {context.Input(0).Shape} and output {context.Output(0).Shape} sizes differ");
    }

    // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Eval(TensorBuffers buffers)
    {
        ReadOnlySpan<TIn> source = buffers.Get<TIn>(input);
        var target = buffers.Get<TOut>(output);
        var f = function;
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = f.Apply(source[i]);
        }
    }
}
