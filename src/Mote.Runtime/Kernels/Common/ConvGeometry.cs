using Mote.Graph;

namespace Mote.Runtime.Kernels.Common;

/// <summary>Sizes, strides, dilations and padding of a 2-D sliding-window operator over NHWC tensors.</summary>
internal sealed record ConvGeometry(
    int Batches,
    int InputHeight,
    int InputWidth,
    int InputDepth,
    int OutputHeight,
    int OutputWidth,
    int OutputDepth,
    int FilterHeight,
    int FilterWidth,
    int StrideHeight,
    int StrideWidth,
    int DilationHeight,
    int DilationWidth,
    int PadHeight,
    int PadWidth)
{
    /// <summary>Builds the geometry from the tensors, checking the output size TFLite's padding rule gives.</summary>
    public static ConvGeometry Create(
        KernelContext context, Shape input, Shape output, int filterHeight, int filterWidth,
        Padding padding, int strideHeight, int strideWidth, int dilationHeight = 1, int dilationWidth = 1)
    {
        context.Require(input.Rank == 4 && output.Rank == 4, $"expected 4-D input and output, got {input} and {output}");
        context.Require(strideHeight > 0 && strideWidth > 0 && dilationHeight > 0 && dilationWidth > 0, "strides and dilations must be positive");
        int outHeight = OutputSize(padding, input[1], filterHeight, strideHeight, dilationHeight);
        int outWidth = OutputSize(padding, input[2], filterWidth, strideWidth, dilationWidth);
        context.Require(output[0] == input[0] && output[1] == outHeight && output[2] == outWidth,
            $"output shape {output} does not match input {input} with a {filterHeight}x{filterWidth} window");
        return new ConvGeometry(
            input[0], input[1], input[2], input[3], outHeight, outWidth, output[3], filterHeight, filterWidth,
            strideHeight, strideWidth, dilationHeight, dilationWidth,
            PaddingBefore(strideHeight, dilationHeight, input[1], filterHeight, outHeight),
            PaddingBefore(strideWidth, dilationWidth, input[2], filterWidth, outWidth));
    }

    /// <summary>TFLite's ComputeOutSize.</summary>
    public static int OutputSize(Padding padding, int inputSize, int filterSize, int stride, int dilation)
    {
        int effectiveFilter = ((filterSize - 1) * dilation) + 1;
        return padding == Padding.Same
            ? (inputSize + stride - 1) / stride
            : (inputSize + stride - effectiveFilter) / stride;
    }

    /// <summary>TFLite's ComputePadding: the padding before the first element (the odd extra goes after).</summary>
    public static int PaddingBefore(int stride, int dilation, int inputSize, int filterSize, int outputSize) =>
        ShapeInference.PaddingBefore(inputSize, filterSize, stride, dilation, outputSize);

    /// <summary>
    /// The filter taps [Start, End) that fall inside an input of <paramref name="size"/> for a window whose tap 0 sits at
    /// <paramref name="origin"/> (negative in the padding).
    /// </summary>
    public static (int Start, int End) ValidTaps(int origin, int dilation, int size, int filterSize)
    {
        int start = origin >= 0 ? 0 : (-origin + dilation - 1) / dilation;
        int end = Math.Min(filterSize, (size - origin + dilation - 1) / dilation);
        return (start, Math.Max(start, end));
    }
}
