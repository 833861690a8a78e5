using System.Runtime.CompilerServices;
using Mote.Dsp.Signal;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels.Signal;

/// <summary>
/// TFLM <c>SignalFilterBank</c> (option <c>num_channels</c>; inputs: uint32 energies and five constant int16 tables —
/// weights, unweights, channel frequency starts, channel weight starts, channel widths): triangular mel channels as
/// uint64 (<see cref="SignalFilterBank"/>). Prepare checks that every channel reads inside the energies and the weights,
/// so a hostile model cannot make Eval read out of bounds.
/// </summary>
internal static class SignalFilterBankKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var options = new SignalFilterBankOptions(SignalKernels.Options(context)["num_channels"].AsInt32());
        var input = context.Input(0);
        var output = context.Output(0);
        SignalKernels.RequireType(context, input, DataType.UInt32, "input");
        SignalKernels.RequireType(context, output, DataType.UInt64, "output");
        for (int i = 1; i <= 5; i++)
        {
            SignalKernels.RequireType(context, context.Input(i), DataType.Int16, $"table input {i}");
        }

        var tables = new Tables(context.Constant<short>(1), context.Constant<short>(2), context.Constant<short>(3), context.Constant<short>(4), context.Constant<short>(5));
        int channels = options.NumChannels;
        context.Require(channels > 0 && output.Shape.ElementCount == channels, $"num_channels {channels} does not match the output {output.Shape}");
        context.Require(tables.FrequencyStarts.Length == channels + 1 && tables.WeightStarts.Length == channels + 1 && tables.Widths.Length == channels + 1,
            $"the channel tables need num_channels + 1 = {channels + 1} entries");
        context.Require(tables.Weights.Length == tables.Unweights.Length, "weights and unweights differ in length");
        for (int c = 0; c <= channels; c++)
        {
            int width = tables.Widths[c];
            context.Require(width >= 0 && tables.FrequencyStarts[c] >= 0 && tables.FrequencyStarts[c] + width <= input.Shape.ElementCount
                && tables.WeightStarts[c] >= 0 && tables.WeightStarts[c] + width <= tables.Weights.Length,
                $"channel {c} reads outside the {input.Shape.ElementCount} energies or the {tables.Weights.Length} weights");
        }

        return new Operation(context.InputIndex(0), context.OutputIndex(0), tables, options);
    }

    private sealed record Tables(short[] Weights, short[] Unweights, short[] FrequencyStarts, short[] WeightStarts, short[] Widths);

    private sealed class Operation(int input, int output, Tables tables, SignalFilterBankOptions options) : IOperation
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers) => SignalFilterBank.Apply(
            buffers.Get<uint>(input),
            tables.Weights,
            tables.Unweights,
            tables.FrequencyStarts,
            tables.WeightStarts,
            tables.Widths,
            options,
            buffers.Get<ulong>(output));
    }
}
