using System.Runtime.CompilerServices;
using Mote.Dsp.Signal;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels.Signal;

/// <summary>
/// TFLM <c>SignalFftAutoScale</c> (no options): int16 samples shifted up to full scale (output 0) and the shift as an
/// int32 scalar (output 1), which <c>SignalFilterBankSquareRoot</c> later undoes (<see cref="SignalFftAutoScale"/>).
/// </summary>
internal static class SignalFftAutoScaleKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var input = context.Input(0);
        var output = context.Output(0);
        var scaleBits = context.Output(1);
        SignalKernels.RequireType(context, input, DataType.Int16, "input");
        SignalKernels.RequireType(context, output, DataType.Int16, "output");
        SignalKernels.RequireType(context, scaleBits, DataType.Int32, "scale bits output");
        context.Require(output.Shape.ElementCount == input.Shape.ElementCount, $"input {input.Shape} and output {output.Shape} sizes differ");
        context.Require(scaleBits.Shape.ElementCount == 1, $"the scale bits output must be a scalar, not {scaleBits.Shape}");
        return new Operation(context.InputIndex(0), context.OutputIndex(0), context.OutputIndex(1));
    }

    private sealed class Operation(int input, int output, int scaleBits) : IOperation
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers) =>
            buffers.Get<int>(scaleBits)[0] = SignalFftAutoScale.Apply(buffers.Get<short>(input), buffers.Get<short>(output));
    }
}
