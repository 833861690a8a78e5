using System.Runtime.CompilerServices;
using Mote.Dsp.Signal;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels.Signal;

/// <summary>
/// TFLM <c>SignalEnergy</c> (options <c>end_index</c>, <c>start_index</c>): squared magnitudes of the complex int16
/// bins in [start, end) as uint32 (<see cref="SignalEnergy"/>). As in TFLM, the other output elements are not written.
/// </summary>
internal static class SignalEnergyKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var map = SignalKernels.Options(context);
        var options = new SignalEnergyOptions(map["start_index"].AsInt32(), map["end_index"].AsInt32());
        var input = context.Input(0);
        var output = context.Output(0);
        SignalKernels.RequireType(context, input, DataType.Int16, "input");
        SignalKernels.RequireType(context, output, DataType.UInt32, "output");
        context.Require(input.Shape.ElementCount == 2 * output.Shape.ElementCount,
            $"the output {output.Shape} must hold one value per complex bin of the input {input.Shape}");
        context.Require(options.StartIndex >= 0 && options.StartIndex <= options.EndIndex && options.EndIndex <= output.Shape.ElementCount,
            $"bins [{options.StartIndex}, {options.EndIndex}) lie outside the {output.Shape.ElementCount} bins");
        return new Operation(context.InputIndex(0), context.OutputIndex(0), options);
    }

    private sealed class Operation(int input, int output, SignalEnergyOptions options) : IOperation
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers) =>
            SignalEnergy.Apply(buffers.Get<short>(input), options, buffers.Get<uint>(output));
    }
}
