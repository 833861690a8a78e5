using Mote.Graph;
using Mote.Graph.FlexBuffers;

namespace Mote.Runtime.Kernels.Signal;

/// <summary>
/// Custom operators, dispatched by <see cref="Operator.CustomCode"/>: the TFLM signal-library operators of the
/// micro-speech audio front end (audio_preprocessor_int8 / _float). Each kernel parses its FlexBuffer options and
/// checks its tensors in Prepare, then calls the bit-exact <c>Mote.Dsp.Signal</c> stage in Eval. Any other custom
/// code is rejected at load time.
/// </summary>
internal static class SignalKernels
{
    private const string OptionsSource = "custom options";

    public static IOperation Prepare(KernelContext context)
    {
        try
        {
            return context.Operator.CustomCode switch
            {
                "SignalWindow" => SignalWindowKernel.Prepare(context),
                "SignalFftAutoScale" => SignalFftAutoScaleKernel.Prepare(context),
                "SignalRfft" => SignalRfftKernel.Prepare(context),
                "SignalEnergy" => SignalEnergyKernel.Prepare(context),
                "SignalFilterBank" => SignalFilterBankKernel.Prepare(context),
                "SignalFilterBankSquareRoot" => SignalFilterBankSquareRootKernel.Prepare(context),
                "SignalFilterBankSpectralSubtraction" => SignalFilterBankSpectralSubtractionKernel.Prepare(context),
                "SignalPCAN" => SignalPcanKernel.Prepare(context),
                "SignalFilterBankLog" => SignalFilterBankLogKernel.Prepare(context),
                var code => throw context.Fail($"custom operator code '{code}' is not supported by the interpreter"),
            };
        }
        catch (InvalidModelException e) when (e.Source == OptionsSource)
        {
            // A missing, mistyped or malformed option: name the operator rather than the FlexBuffer.
            throw context.Fail($"{OptionsSource}: {e.Problem}");
        }
    }

    /// <summary>The operator's FlexBuffer options; errors reading them name the operator (see <see cref="Prepare"/>).</summary>
    public static FlexBufferMap Options(KernelContext context) =>
        FlexBufferMap.Parse(context.Operator.CustomOptions.AsSpan(), OptionsSource);

    /// <summary>An option that is used as a shift count: 0 to 31, since C# masks larger counts where C's are undefined.</summary>
    public static int Shift(KernelContext context, FlexBufferMap options, string key)
    {
        int value = options[key].AsInt32();
        context.Require(value is >= 0 and < 32, $"option {key} = {value} is not a shift of 0 to 31 bits");
        return value;
    }

    /// <summary>Length of the innermost dimension: the frame length of a tensor of frames (0 for a scalar).</summary>
    public static int InnerLength(Tensor tensor) => tensor.Shape.Rank == 0 ? 0 : tensor.Shape[tensor.Shape.Rank - 1];

    /// <summary>Requires <paramref name="tensor"/> to have the type the operator works on.</summary>
    public static void RequireType(KernelContext context, Tensor tensor, DataType type, string role) =>
        context.Require(tensor.Type == type, $"{role} ({tensor.Name}) must be {type.TfLiteName()}, not {tensor.Type.TfLiteName()}");
}
