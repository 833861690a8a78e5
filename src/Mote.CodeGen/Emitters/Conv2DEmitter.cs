using Mote.Graph;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// CONV_2D (int8, per-channel weights, grouped when the filter is shallower than the input) → mote_conv2d_s8 on the
/// shared matrix kernel; filters larger than 1x1 gather each pair of pixels' inputs into arena scratch first.
/// </summary>
internal sealed class Conv2DEmitter : IOperatorEmitter
{
    /// <summary>Scratch for mote_conv2d_s8 (see mote_conv2d_s8.h), 0 when the filter's shape is unknown.</summary>
    public long ScratchBytes(Subgraph subgraph, Operator op)
    {
        if (op.Inputs.Count < 2 || op.Inputs[1] < 0)
        {
            return 0;
        }

        // mote_conv2d_s16 reads its input in place.
        var filter = subgraph.Tensors[op.Inputs[1]].Shape;
        return filter.Rank == 4 && filter.IsFullyKnown && subgraph.Tensors[op.Inputs[0]].Type == DataType.Int8
            ? KernelScratchBytes(filter[1], filter[2], filter[3]) : 0;
    }

    /// <summary>
    /// The scratch mote_conv2d_s8 needs for a filter of this shape: two im2col rows, none for a 1x1 filter (which reads
    /// its input in place).
    /// </summary>
    internal static long KernelScratchBytes(int filterHeight, int filterWidth, int filterDepth) =>
        filterHeight == 1 && filterWidth == 1 ? 0 : 2L * filterHeight * filterWidth * filterDepth;

    public void Emit(LayerContext layer)
    {
        if (layer.Input(0).Type == DataType.Int16)
        {
            EmitInt16(layer);
            return;
        }

        var call = Prepare(layer);
        layer.UseRuntime([.. call.RuntimeFiles]);
        layer.Body.Line(call.Statement);
    }

    /// <summary>Int16 activations with int8 weights → mote_conv2d_s16, TFLM's reference loop with a 64-bit accumulator.</summary>
    private static void EmitInt16(LayerContext layer)
    {
        var options = layer.Operator.Options as Conv2DOptions;
        int filterDepth = CheckShapes(layer, options);
        layer.UseRuntime("mote_conv_params.h", "mote_requant_s64.h", "mote_conv2d_s16.h", "mote_conv2d_s16.c");
        (var parameters, var bias) = ConvLayer.Parameters(
            layer, filterDepth, options!.Padding, options.StrideH, options.StrideW, options.DilationH, options.DilationW, options.Activation, int16Activations: true);
        layer.Body.Line($"mote_conv2d_s16({parameters}, {layer.InputRef(0)}, {layer.InputRef(1)}, {bias}, {layer.OutputRef(0)});");
    }

    /// <summary>Checks the options and the filter's shape against the input and output; returns the filter depth.</summary>
    private static int CheckShapes(LayerContext layer, Conv2DOptions? options)
    {
        layer.Require(options is not null, "options are missing");
        var input = layer.Input(0);
        var filter = layer.Input(1);
        var output = layer.Output(0);
        layer.Require(filter.IsConstant && filter.Shape.Rank == 4 && input.Shape.Rank == 4 && output.Shape.Rank == 4
            && filter.Shape[0] == output.Shape[3], $"filter {filter.Shape} does not match output {output.Shape}");
        int filterDepth = filter.Shape[3];
        layer.Require(filterDepth > 0 && input.Shape[3] % filterDepth == 0 && output.Shape[3] % (input.Shape[3] / filterDepth) == 0,
            $"filter depth {filterDepth} does not divide input depth {input.Shape[3]} into groups");
        return filterDepth;
    }

    /// <summary>
    /// Checks the CONV_2D layer and defines its constants (parameters, multipliers, shifts); returns the C arguments
    /// of its kernel call without writing the call.
    /// </summary>
    internal static ConvolutionCall Prepare(LayerContext layer)
    {
        var options = layer.Operator.Options as Conv2DOptions;
        int filterDepth = CheckShapes(layer, options);
        (var parameters, var bias) = ConvLayer.Parameters(
            layer, filterDepth, options!.Padding, options.StrideH, options.StrideW, options.DilationH, options.DilationW, options.Activation);
        return new ConvolutionCall(parameters, layer.InputRef(0), layer.InputRef(1), bias, layer.ScratchRef(), layer.OutputRef(0),
            [.. ConvLayer.GemmRuntime, "mote_conv_params.h", ConvolutionCall.Kernel + ".h", ConvolutionCall.Kernel + ".c"]);
    }
}
