using Mote.Graph;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// DEPTHWISE_CONV_2D (int8, per-channel weights) → mote_dwconv2d_s8 for depth multiplier 1 (four channels per step);
/// with a single input channel (a first layer) it is an ordinary convolution, so mote_conv2d_s8 computes it on the
/// matrix kernel from a transposed filter; mote_dwconv2d_mult_s8 for any other multiplier.
/// </summary>
internal sealed class DepthwiseConv2DEmitter : IOperatorEmitter
{
    /// <summary>mote_conv2d_s8's scratch for a one-channel filter when the layer runs as a convolution.</summary>
    public long ScratchBytes(Subgraph subgraph, Operator op)
    {
        if (op.Inputs.Count < 2 || op.Inputs[0] < 0 || op.Inputs[1] < 0 || op.Outputs.Count < 1 || op.Outputs[0] < 0)
        {
            return 0;
        }

        var input = subgraph.Tensors[op.Inputs[0]].Shape;
        var filter = subgraph.Tensors[op.Inputs[1]].Shape;
        var output = subgraph.Tensors[op.Outputs[0]].Shape;
        return input.Rank == 4 && filter.Rank == 4 && output.Rank == 4 && filter.IsFullyKnown && RunsAsConvolution(input[3], output[3])
            ? Conv2DEmitter.KernelScratchBytes(filter[1], filter[2], 1)
            : 0;
    }

    public void Emit(LayerContext layer)
    {
        var options = layer.Operator.Options as DepthwiseConv2DOptions;
        layer.Require(options is not null, "options are missing");
        var input = layer.Input(0);
        var filter = layer.Input(1);
        var output = layer.Output(0);
        layer.Require(filter.IsConstant && filter.Shape.Rank == 4 && filter.Shape[0] == 1 && input.Shape.Rank == 4 && output.Shape.Rank == 4
            && filter.Shape[3] == output.Shape[3] && output.Shape[3] % input.Shape[3] == 0,
            $"filter {filter.Shape} does not match input {input.Shape} and output {output.Shape}");
        if (RunsAsConvolution(input.Shape[3], output.Shape[3]))
        {
            layer.RequireInt8(input, filter, output);
            var transposed = TransposedFilter(layer, filter);
            (var convParameters, var convBias) = ConvLayer.Parameters(
                layer, 1, options!.Padding, options.StrideH, options.StrideW, options.DilationH, options.DilationW, options.Activation);
            layer.UseRuntime([.. ConvLayer.GemmRuntime, "mote_conv_params.h", ConvolutionCall.Kernel + ".h", ConvolutionCall.Kernel + ".c"]);
            layer.Body.Line($"{ConvolutionCall.Kernel}({convParameters}, {layer.InputRef(0)}, {transposed}, {convBias}, {layer.ScratchRef()}, {layer.OutputRef(0)});");
            return;
        }

        bool multiplierOne = output.Shape[3] == input.Shape[3];
        var kernel = multiplierOne ? "mote_dwconv2d_s8" : "mote_dwconv2d_mult_s8";
        layer.UseRuntime(multiplierOne
            ? ["mote_dsp.h", "mote_conv_params.h", "mote_dwconv2d_s8.h", "mote_dwconv2d_s8.c"]
            : ["mote_conv_params.h", "mote_dwconv2d_mult_s8.h", "mote_dwconv2d_mult_s8.c"]);

        // The depthwise kernels read one input channel per output channel, so filter_depth is 1.
        ConvLayer.Emit(layer, kernel, 1, options!.Padding, options.StrideH, options.StrideW, options.DilationH, options.DilationW, options.Activation);
    }

    /// <summary>One input channel feeding several output channels: each output channel sums over the whole input.</summary>
    private static bool RunsAsConvolution(int inputDepth, int outputDepth) => inputDepth == 1 && outputDepth > 1;

    /// <summary>
    /// The depthwise filter [1][height][width][channels] as a convolution filter [channels][height][width][1], written
    /// as a constant under the tensor's comment (so it counts as weights) and named after the layer.
    /// </summary>
    private static string TransposedFilter(LayerContext layer, Tensor filter)
    {
        int taps = filter.Shape[1] * filter.Shape[2];
        int channels = filter.Shape[3];
        var data = filter.Data!.Value.AsSpan();
        var transposed = new byte[data.Length];
        for (int channel = 0; channel < channels; channel++)
        {
            for (int tap = 0; tap < taps; tap++)
            {
                transposed[(channel * taps) + tap] = data[(tap * channels) + channel];
            }
        }

        var name = layer.Name("weights");
        layer.Constants.Comment($"tensor {layer.InputIndex(1)}: {filter.Name}, int8[{channels}, {filter.Shape[1]}, {filter.Shape[2]}, 1] (transposed to a convolution filter)");
        layer.Constants.Array($"static const int8_t {name}", CTypes.Literals(DataType.Int8, transposed));
        layer.Constants.Line();
        return name;
    }
}
