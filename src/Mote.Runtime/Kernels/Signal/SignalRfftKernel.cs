using System.Runtime.CompilerServices;
using Mote.Dsp.Signal;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels.Signal;

/// <summary>
/// TFLM <c>SignalRfft</c> (options <c>T</c>, <c>fft_length</c>) for int16 tensors: each frame of the input is
/// zero-padded to the FFT length in a scratch buffer and transformed by <see cref="Int16Rfft"/> into
/// <c>fft_length / 2 + 1</c> interleaved complex bins. The int32 and float32 variants are not implemented.
/// </summary>
internal static class SignalRfftKernel
{
    private const int TensorTypeInt16 = 7; // TFLite schema TensorType, the value TensorFlow stores under "T"

    public static IOperation Prepare(KernelContext context)
    {
        var options = SignalKernels.Options(context);
        int type = options["T"].AsInt32();
        int fftLength = options["fft_length"].AsInt32();
        context.Require(type == TensorTypeInt16, $"only the int16 real FFT (T = {TensorTypeInt16}) is supported, not T = {type}");
        context.Require(fftLength is >= 4 and <= 32768 && int.IsPow2(fftLength), $"fft_length {fftLength} is not a power of two from 4 to 32768");

        var input = context.Input(0);
        var output = context.Output(0);
        SignalKernels.RequireType(context, input, DataType.Int16, "input");
        SignalKernels.RequireType(context, output, DataType.Int16, "output");
        var fft = new Int16Rfft(fftLength);
        int frameLength = SignalKernels.InnerLength(input);
        int outputLength = SignalKernels.InnerLength(output);
        context.Require(frameLength > 0 && frameLength <= fftLength, $"input frames of {frameLength} samples do not fit an FFT of {fftLength}");
        context.Require(input.Shape.Rank == output.Shape.Rank && outputLength == 2 * fft.BinCount
            && output.Shape.ElementCount / outputLength == input.Shape.ElementCount / frameLength,
            $"an input {input.Shape} needs an output of {2 * fft.BinCount} values per frame, not {output.Shape}");

        int frames = (int)(input.Shape.ElementCount / frameLength);
        int work = context.RequestScratch(fftLength * sizeof(short));
        return new Operation(context.InputIndex(0), context.OutputIndex(0), work, fft, frames, frameLength);
    }

    private sealed class Operation(int input, int output, int work, Int16Rfft fft, int frames, int frameLength) : IOperation
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<short> samples = buffers.Get<short>(input);
            var spectrum = buffers.Get<short>(output);
            var padded = buffers.Scratch<short>(work);
            int bins = 2 * fft.BinCount;
            for (int f = 0; f < frames; f++)
            {
                samples.Slice(f * frameLength, frameLength).CopyTo(padded);
                padded[frameLength..].Clear();
                fft.Apply(padded, spectrum.Slice(f * bins, bins));
            }
        }
    }
}
