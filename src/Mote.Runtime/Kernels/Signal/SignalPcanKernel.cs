using System.Runtime.CompilerServices;
using Mote.Dsp.Signal;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels.Signal;

/// <summary>
/// TFLM <c>SignalPCAN</c> (option <c>snr_shift</c>; inputs: uint32 channels, uint32 noise estimate, constant int16
/// gain table): per-channel energy normalization (<see cref="SignalPcan"/>).
/// </summary>
internal static class SignalPcanKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var options = new SignalPcanOptions(SignalKernels.Shift(context, SignalKernels.Options(context), "snr_shift"));
        var input = context.Input(0);
        var noiseEstimate = context.Input(1);
        var output = context.Output(0);
        SignalKernels.RequireType(context, input, DataType.UInt32, "input");
        SignalKernels.RequireType(context, noiseEstimate, DataType.UInt32, "noise estimate");
        SignalKernels.RequireType(context, context.Input(2), DataType.Int16, "gain table");
        SignalKernels.RequireType(context, output, DataType.UInt32, "output");
        short[] gainLut = context.Constant<short>(2);
        context.Require(gainLut.Length >= SignalPcan.GainLutLength, $"the gain table has {gainLut.Length} entries, not {SignalPcan.GainLutLength}");
        context.Require(noiseEstimate.Shape.ElementCount == input.Shape.ElementCount && output.Shape.ElementCount == input.Shape.ElementCount,
            $"input {input.Shape}, noise estimate {noiseEstimate.Shape} and output {output.Shape} sizes differ");
        return new Operation(context.InputIndex(0), context.InputIndex(1), context.OutputIndex(0), gainLut, options);
    }

    private sealed class Operation(int input, int noiseEstimate, int output, short[] gainLut, SignalPcanOptions options) : IOperation
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers) =>
            SignalPcan.Apply(buffers.Get<uint>(input), buffers.Get<uint>(noiseEstimate), gainLut, options, buffers.Get<uint>(output));
    }
}
