using System.Runtime.CompilerServices;
using Mote.Dsp.Signal;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels.Signal;

/// <summary>
/// TFLM <c>SignalWindow</c> (inputs: int16 frames, constant int16 weights; option <c>shift</c>): each frame times the
/// window, shifted right and saturated (<see cref="SignalWindow"/>).
/// </summary>
internal static class SignalWindowKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var options = new SignalWindowOptions(SignalKernels.Shift(context, SignalKernels.Options(context), "shift"));
        var input = context.Input(0);
        var output = context.Output(0);
        SignalKernels.RequireType(context, input, DataType.Int16, "input");
        SignalKernels.RequireType(context, context.Input(1), DataType.Int16, "weights");
        SignalKernels.RequireType(context, output, DataType.Int16, "output");
        short[] weights = context.Constant<short>(1);
        context.Require(input.Shape.Rank > 0 && weights.Length == SignalKernels.InnerLength(input),
            $"the window has {weights.Length} weights but the input's frames are {input.Shape}");
        context.Require(output.Shape.ElementCount == input.Shape.ElementCount, $"input {input.Shape} and output {output.Shape} sizes differ");
        return new Operation(context.InputIndex(0), context.OutputIndex(0), weights, options);
    }

    private sealed class Operation(int input, int output, short[] weights, SignalWindowOptions options) : IOperation
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers) =>
            SignalWindow.Apply(buffers.Get<short>(input), weights, options, buffers.Get<short>(output));
    }
}
