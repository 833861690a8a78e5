using System.Runtime.CompilerServices;
using Mote.Dsp.Signal;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels.Signal;

/// <summary>
/// TFLM <c>SignalFilterBankSpectralSubtraction</c> (nine options, <see cref="SignalSpectralSubtractionOptions"/>):
/// noise reduction of uint32 channels (output 0). The noise estimate is operator state: it lives in persistent memory,
/// carries from one Invoke to the next, starts at zero and is zeroed again by <see cref="Interpreter.ResetVariables"/>;
/// after each frame it is copied to output 1 for <c>SignalPCAN</c>, as TFLM does.
/// </summary>
internal static class SignalFilterBankSpectralSubtractionKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var map = SignalKernels.Options(context);
        var options = new SignalSpectralSubtractionOptions(
            map["num_channels"].AsInt32(),
            map["smoothing"].AsInt32(),
            map["one_minus_smoothing"].AsInt32(),
            map["alternate_smoothing"].AsInt32(),
            map["alternate_one_minus_smoothing"].AsInt32(),
            SignalKernels.Shift(context, map, "smoothing_bits"),
            map["min_signal_remaining"].AsInt32(),
            map["clamping"].AsBool(),
            SignalKernels.Shift(context, map, "spectral_subtraction_bits"));

        var input = context.Input(0);
        var output = context.Output(0);
        var noiseEstimate = context.Output(1);
        SignalKernels.RequireType(context, input, DataType.UInt32, "input");
        SignalKernels.RequireType(context, output, DataType.UInt32, "output");
        SignalKernels.RequireType(context, noiseEstimate, DataType.UInt32, "noise estimate output");
        int channels = options.NumChannels;
        context.Require(channels > 0 && input.Shape.ElementCount == channels && output.Shape.ElementCount == channels
            && noiseEstimate.Shape.ElementCount == channels,
            $"num_channels {channels} does not match input {input.Shape}, output {output.Shape} and noise estimate {noiseEstimate.Shape}");

        int state = context.RequestPersistent(channels * sizeof(uint));
        return new Operation(context.InputIndex(0), context.OutputIndex(0), context.OutputIndex(1), state, options);
    }

    private sealed class Operation(int input, int output, int noiseEstimate, int state, SignalSpectralSubtractionOptions options) : IOperation
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            var estimate = buffers.Persistent<uint>(state);
            SignalFilterBankSpectralSubtraction.Apply(buffers.Get<uint>(input), options, estimate, buffers.Get<uint>(output));
            estimate.CopyTo(buffers.Get<uint>(noiseEstimate));
        }
    }
}
