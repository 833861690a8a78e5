using System.Runtime.CompilerServices;
using Mote.Dsp.Signal;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels.Signal;

/// <summary>
/// TFLM <c>SignalFilterBankSquareRoot</c> (no options; inputs: uint64 channels, the int32 scalar shift from
/// <c>SignalFftAutoScale</c>): integer square roots shifted back down (<see cref="SignalFilterBankSquareRoot"/>).
/// </summary>
internal static class SignalFilterBankSquareRootKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var input = context.Input(0);
        var scaleBits = context.Input(1);
        var output = context.Output(0);
        SignalKernels.RequireType(context, input, DataType.UInt64, "input");
        SignalKernels.RequireType(context, scaleBits, DataType.Int32, "scale bits");
        SignalKernels.RequireType(context, output, DataType.UInt32, "output");
        context.Require(scaleBits.Shape.ElementCount == 1, $"the scale bits must be a scalar, not {scaleBits.Shape}");
        context.Require(output.Shape.ElementCount == input.Shape.ElementCount, $"input {input.Shape} and output {output.Shape} sizes differ");
        return new Operation(context.InputIndex(0), context.InputIndex(1), context.OutputIndex(0));
    }

    private sealed class Operation(int input, int scaleBits, int output) : IOperation
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers) =>
            SignalFilterBankSquareRoot.Apply(buffers.Get<ulong>(input), buffers.Get<int>(scaleBits)[0], buffers.Get<uint>(output));
    }
}
