using Mote.Graph;

namespace Mote.Train.Kernels;

/// <summary>
/// Geometry of a sliding window over an H×W map (convolution or pooling), with TFLite's SAME/VALID rules:
/// SAME gives ceil(in / stride) outputs with the padding split low-side-first (the extra pixel goes after).
/// </summary>
internal readonly record struct Window(int InH, int InW, int KernelH, int KernelW, int StrideH, int StrideW, int DilationH, int DilationW, Padding Padding)
{
    public int OutH => Output(InH, KernelH, StrideH, DilationH);

    public int OutW => Output(InW, KernelW, StrideW, DilationW);

    public int PadTop => PadBefore(InH, KernelH, StrideH, DilationH);

    public int PadLeft => PadBefore(InW, KernelW, StrideW, DilationW);

    private int Output(int input, int kernel, int stride, int dilation)
    {
        var effective = (kernel - 1) * dilation + 1;
        return Padding == Padding.Same ? (input + stride - 1) / stride : (input - effective + stride) / stride;
    }

    private int PadBefore(int input, int kernel, int stride, int dilation)
    {
        if (Padding == Padding.Valid)
        {
            return 0;
        }

        var effective = (kernel - 1) * dilation + 1;
        return Math.Max(0, (Output(input, kernel, stride, dilation) - 1) * stride + effective - input) / 2;
    }
}
