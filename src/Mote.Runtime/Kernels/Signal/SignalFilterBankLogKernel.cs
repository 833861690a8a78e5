using System.Runtime.CompilerServices;
using Mote.Dsp.Signal;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels.Signal;

/// <summary>
/// TFLM <c>SignalFilterBankLog</c> (options <c>input_correction_bits</c>, <c>output_scale</c>): fixed-point natural
/// log of uint32 channels, saturated to int16 (<see cref="SignalFilterBankLog"/>).
/// </summary>
internal static class SignalFilterBankLogKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var map = SignalKernels.Options(context);
        var options = new SignalFilterBankLogOptions(SignalKernels.Shift(context, map, "input_correction_bits"), map["output_scale"].AsInt32());
        var input = context.Input(0);
        var output = context.Output(0);
        SignalKernels.RequireType(context, input, DataType.UInt32, "input");
        SignalKernels.RequireType(context, output, DataType.Int16, "output");
        context.Require(output.Shape.ElementCount == input.Shape.ElementCount, $"input {input.Shape} and output {output.Shape} sizes differ");
        return new Operation(context.InputIndex(0), context.OutputIndex(0), options);
    }

    private sealed class Operation(int input, int output, SignalFilterBankLogOptions options) : IOperation
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers) =>
            SignalFilterBankLog.Apply(buffers.Get<uint>(input), options, buffers.Get<short>(output));
    }
}
