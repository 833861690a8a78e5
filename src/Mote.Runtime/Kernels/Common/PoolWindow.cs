using Mote.Graph;

namespace Mote.Runtime.Kernels.Common;

/// <summary>Shared Prepare of the 2-D pools: geometry from Pool2DOptions, and the set of element types they run on.</summary>
internal static class PoolWindow
{
    public static ConvGeometry Geometry(KernelContext context, Pool2DOptions options)
    {
        context.RequireActivation(options.Activation);
        var input = context.Input(0);
        var output = context.Output(0);
        context.Require(input.Type == output.Type && input.Type is DataType.Int8 or DataType.Int16 or DataType.Float32,
            $"type combination {input.Type.TfLiteName()} → {output.Type.TfLiteName()} is not supported");
        var geometry = ConvGeometry.Create(context, input.Shape, output.Shape, options.FilterHeight, options.FilterWidth,
            options.Padding, options.StrideH, options.StrideW);
        context.Require(geometry.OutputDepth == geometry.InputDepth, $"pool changes the depth: {input.Shape} → {output.Shape}");
        return geometry;
    }

    /// <summary>The part of the window inside the image, for one output position: [start, end) in filter coordinates.</summary>
    public static (int YStart, int YEnd, int XStart, int XEnd, int InY, int InX) Clip(ConvGeometry g, int oy, int ox)
    {
        int inY = (oy * g.StrideHeight) - g.PadHeight;
        int inX = (ox * g.StrideWidth) - g.PadWidth;
        return (Math.Max(0, -inY), Math.Min(g.FilterHeight, g.InputHeight - inY),
            Math.Max(0, -inX), Math.Min(g.FilterWidth, g.InputWidth - inX), inY, inX);
    }
}
