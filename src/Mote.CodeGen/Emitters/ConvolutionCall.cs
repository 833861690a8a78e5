namespace Mote.CodeGen.Emitters;

/// <summary>
/// The C arguments of one mote_conv2d_s8 call, and the runtime files it needs, so that an emitter fusing a
/// convolution with what follows can call the same kernel on the same constants.
/// </summary>
/// <param name="Parameters">Pointer to the layer's const mote_conv_params.</param>
/// <param name="Input">The convolution's input tensor.</param>
/// <param name="Filter">The filter in the layout the kernel expects.</param>
/// <param name="Bias">The int32 bias, or NULL.</param>
/// <param name="Scratch">The arena scratch, or NULL when the kernel needs none.</param>
/// <param name="Output">The convolution's output tensor.</param>
/// <param name="RuntimeFiles">Headers before sources, for <see cref="LayerContext.UseRuntime"/>.</param>
internal sealed record ConvolutionCall(
    string Parameters, string Input, string Filter, string Bias, string Scratch, string Output, IReadOnlyList<string> RuntimeFiles)
{
    public const string Kernel = "mote_conv2d_s8";

    /// <summary>The C statement computing the convolution into <see cref="Output"/>.</summary>
    public string Statement => $"{Kernel}({Parameters}, {Input}, {Filter}, {Bias}, {Scratch}, {Output});";
}
