using System.Globalization;
using Mote.Graph;
using Mote.Runtime.Quantization;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// The mote_conv_params shared by CONV_2D and DEPTHWISE_CONV_2D: geometry with TFLite's SAME/VALID padding, and
/// per-channel multipliers from the same helper the interpreter's kernels use.
/// </summary>
internal static class ConvLayer
{
    /// <summary>The matrix kernel under CONV_2D and FULLY_CONNECTED, with the DSP-extension header it uses.</summary>
    public static readonly string[] GemmRuntime = ["mote_dsp.h", "mote_gemm_s8.h", "mote_gemm_s8.c"];

    /// <summary>
    /// Writes the layer's parameters and its call: kernel(params, input, filter, bias, output); the caller names the
    /// runtime files.
    /// </summary>
    public static void Emit(
        LayerContext layer, string kernel, int filterDepth, Padding padding, int strideH, int strideW, int dilationH, int dilationW, Activation activation)
    {
        (var parameters, var bias) = Parameters(layer, filterDepth, padding, strideH, strideW, dilationH, dilationW, activation);
        layer.Body.Line($"{kernel}({parameters}, {layer.InputRef(0)}, {layer.InputRef(1)}, {bias}, {layer.OutputRef(0)});");
    }

    /// <summary>
    /// Checks the layer and defines its mote_conv_params constant; returns the C expressions of the parameters and of
    /// the bias (NULL when the operator has none).
    /// </summary>
    /// <param name="int16Activations">
    /// For mote_conv2d_s16: int16 input and output with int8 weights, zero points 0, an int64 bias, and shifts below 15
    /// (its requantization shifts by 15 − shift).
    /// </param>
    public static (string Parameters, string Bias) Parameters(
        LayerContext layer, int filterDepth, Padding padding, int strideH, int strideW, int dilationH, int dilationW, Activation activation,
        bool int16Activations = false)
    {
        var input = layer.Input(0);
        var filter = layer.Input(1);
        var output = layer.Output(0);
        if (int16Activations)
        {
            layer.Require(input.Type == DataType.Int16 && filter.Type == DataType.Int8 && output.Type == DataType.Int16,
                $"type combination {input.Type.TfLiteName()} → {filter.Type.TfLiteName()} → {output.Type.TfLiteName()} is not the int16 × int8 convolution");
            layer.Require(layer.Quantization(input).ZeroPoint == 0 && layer.Quantization(output).ZeroPoint == 0, "int16 activations must have zero point 0");
        }
        else
        {
            layer.RequireInt8(input, filter, output);
        }

        layer.Require(ActivationRange.IsSupported(activation), $"fused activation {activation} is not supported");
        layer.Require(input.Shape.Rank == 4 && output.Shape.Rank == 4 && filter.Shape.Rank == 4,
            $"expected 4-D input, filter and output, got {input.Shape}, {filter.Shape} and {output.Shape}");
        layer.Require(strideH > 0 && strideW > 0 && dilationH > 0 && dilationW > 0, "strides and dilations must be positive");
        int filterHeight = filter.Shape[1];
        int filterWidth = filter.Shape[2];
        int outHeight = ShapeInference.OutputSize(input.Shape[1], filterHeight, strideH, dilationH, padding);
        int outWidth = ShapeInference.OutputSize(input.Shape[2], filterWidth, strideW, dilationW, padding);
        layer.Require(output.Shape[0] == input.Shape[0] && output.Shape[1] == outHeight && output.Shape[2] == outWidth,
            $"output shape {output.Shape} does not match input {input.Shape} with a {filterHeight}x{filterWidth} window");

        int channels = output.Shape[3];
        var filterScales = layer.WeightScales(filter, channels);
        (float inputScale, int inputZeroPoint) = layer.Quantization(input);
        (float outputScale, int outputZeroPoint) = layer.Quantization(output);
        (var multipliers, var shifts) = QuantizedMultiplier.PerChannel(inputScale, filterScales.AsSpan(), outputScale, channels);
        (int min, int max) = ActivationRange.Quantized(activation, output.Type, outputScale, outputZeroPoint);
        layer.Require(!int16Activations || shifts.All(s => s < 15), "a requantization shift of 15 or more is not supported for int16 activations");
        var bias = int16Activations ? Int64Bias(layer, channels) : Bias(layer, channels);

        var parameters = layer.Params("mote_conv_params",
        [
            ("batches", Int(input.Shape[0])),
            ("input_height", Int(input.Shape[1])),
            ("input_width", Int(input.Shape[2])),
            ("input_depth", Int(input.Shape[3])),
            ("output_height", Int(outHeight)),
            ("output_width", Int(outWidth)),
            ("output_depth", Int(channels)),
            ("filter_height", Int(filterHeight)),
            ("filter_width", Int(filterWidth)),
            ("filter_depth", Int(filterDepth)),
            ("stride_height", Int(strideH)),
            ("stride_width", Int(strideW)),
            ("dilation_height", Int(dilationH)),
            ("dilation_width", Int(dilationW)),
            ("pad_height", Int(PaddingBefore(strideH, dilationH, input.Shape[1], filterHeight, outHeight))),
            ("pad_width", Int(PaddingBefore(strideW, dilationW, input.Shape[2], filterWidth, outWidth))),
            ("input_offset", Int(-inputZeroPoint)),
            ("output_offset", Int(outputZeroPoint)),
            ("activation_min", Int(min)),
            ("activation_max", Int(max)),
            ("multipliers", layer.Int32Array("multipliers", multipliers)),
            ("shifts", layer.Int32Array("shifts", shifts)),
        ]);
        return (parameters, bias);
    }

    /// <summary>The int32 bias input (position 2) as a C expression, or NULL when the operator has none.</summary>
    public static string Bias(LayerContext layer, int length)
    {
        if (!layer.HasInput(2))
        {
            return "NULL";
        }

        var bias = layer.Input(2);
        layer.Require(bias.Type == DataType.Int32 && bias.IsConstant && bias.Shape.ElementCount == length,
            $"bias must be a constant INT32 tensor of {length} elements, got {bias.Type.TfLiteName()}{bias.Shape}");
        return layer.InputRef(2);
    }

    /// <summary>
    /// The bias of an int16 convolution (INT64, or INT32 widened, as the interpreter accepts both) as a const int64_t
    /// array under the tensor's comment, or NULL when the operator has none.
    /// </summary>
    public static string Int64Bias(LayerContext layer, int length, int position = 2)
    {
        if (!layer.HasInput(position))
        {
            return "NULL";
        }

        var bias = layer.Input(position);
        var values = bias.ConstantIntegers();
        layer.Require(values is not null && values.Length == length,
            $"bias must be a constant INT64 or INT32 tensor of {length} elements, got {bias.Type.TfLiteName()}{bias.Shape}");
        var name = layer.Name("bias");
        layer.CommentInput(position);
        layer.Constants.Array($"static const int64_t {name}",
            [.. values!.Select(v => v == long.MinValue ? "(-9223372036854775807LL - 1)" : v.ToString(CultureInfo.InvariantCulture) + "LL")]);
        layer.Constants.Line();
        return name;
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>TFLite's ComputePadding: the padding before the first element (the odd extra goes after).</summary>
    public static int PaddingBefore(int stride, int dilation, int inputSize, int filterSize, int outputSize) =>
        Math.Max(0, (((outputSize - 1) * stride) + ((filterSize - 1) * dilation) + 1 - inputSize) / 2);
}
