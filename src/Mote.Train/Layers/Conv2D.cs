using Mote.Data;
using Mote.Graph;
using Mote.Train.Kernels;

namespace Mote.Train.Layers;

/// <summary>
/// 2-D convolution over [H, W, C] with stride, SAME/VALID padding and dilation, filter [out, kh, kw, in] as TFLite's
/// CONV_2D. Computed as im2col (one row of kh·kw·in values per output pixel, the filter's own order) times the filter.
/// </summary>
public class Conv2D : Layer
{
    private readonly LinearKernel _kernel = new();
    private float[]? _columns;
    private float[]? _columnGradient;

    public Conv2D(string name, int filters, int kernelH, int kernelW, int strideH = 1, int strideW = 1, Padding padding = Padding.Same, int dilationH = 1, int dilationW = 1, bool useBias = true)
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(filters);
        Filters = filters;
        KernelH = kernelH;
        KernelW = kernelW;
        StrideH = strideH;
        StrideW = strideW;
        Padding = padding;
        DilationH = dilationH;
        DilationW = dilationW;
        UseBias = useBias;
    }

    public int Filters { get; }

    public int KernelH { get; }

    public int KernelW { get; }

    public int StrideH { get; }

    public int StrideW { get; }

    public Padding Padding { get; }

    public int DilationH { get; }

    public int DilationW { get; }

    public bool UseBias { get; }

    public Parameter Weights { get; private set; } = null!;

    public Parameter? Bias { get; private set; }

    public override IReadOnlyList<Parameter> Parameters => Bias is null ? [Weights] : [Weights, Bias];

    internal Window Window { get; private set; }

    private int InChannels => Weights.Shape[3];

    private int PatchSize => KernelH * KernelW * InChannels;

    // A 1×1 stride-1 convolution's im2col matrix is the input itself.
    private bool IsPointwise => KernelH == 1 && KernelW == 1 && StrideH == 1 && StrideW == 1;

    public override void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output)
    {
        var rows = context.Batch * Window.OutH * Window.OutW;
        var columns = IsPointwise ? inputs[0] : Im2Col(inputs[0], context.Batch);
        _kernel.Forward(columns, Weights, Bias, output, rows, Filters, PatchSize);
    }

    public override void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients)
    {
        var rows = context.Batch * Window.OutH * Window.OutW;
        if (IsPointwise)
        {
            LinearKernel.Backward(inputs[0], outputGradient, Weights, Bias, inputGradients[0], accumulateInput: true, rows, Filters, PatchSize);
            return;
        }

        var columnGradient = inputGradients[0] is null ? null : Scratch(ref _columnGradient, rows * PatchSize);
        LinearKernel.Backward(_columns!, outputGradient, Weights, Bias, columnGradient, accumulateInput: false, rows, Filters, PatchSize);
        if (inputGradients[0] is { } inputGradient)
        {
            Col2Im(columnGradient!, inputGradient, context.Batch);
        }
    }

    protected override int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random)
    {
        var shape = SingleInput(inputShapes, rank: 3);
        Window = new Window(shape[0], shape[1], KernelH, KernelW, StrideH, StrideW, DilationH, DilationW, Padding);
        if (Window.OutH <= 0 || Window.OutW <= 0)
        {
            throw new ArgumentException($"{Name}: a {KernelH}×{KernelW} kernel does not fit a {shape[0]}×{shape[1]} input");
        }

        Weights = new Parameter($"{Name}/kernel", [Filters, KernelH, KernelW, shape[2]], decays: true);
        HeUniform(Weights, PatchSize, random);
        Bias = UseBias ? new Parameter($"{Name}/bias", [Filters]) : null;
        return [Window.OutH, Window.OutW, Filters];
    }

    private float[] Im2Col(float[] input, int batch)
    {
        var w = Window;
        var c = InChannels;
        var patch = PatchSize;
        var pixels = w.OutH * w.OutW;
        var columns = Scratch(ref _columns, batch * pixels * patch);
        Parallel.For(0, batch, item =>
        {
            var inputBase = item * w.InH * w.InW * c;
            for (var oy = 0; oy < w.OutH; oy++)
            {
                for (var ox = 0; ox < w.OutW; ox++)
                {
                    var row = columns.AsSpan(((item * pixels) + oy * w.OutW + ox) * patch, patch);
                    for (var ky = 0; ky < w.KernelH; ky++)
                    {
                        var iy = oy * w.StrideH - w.PadTop + ky * w.DilationH;
                        for (var kx = 0; kx < w.KernelW; kx++)
                        {
                            var ix = ox * w.StrideW - w.PadLeft + kx * w.DilationW;
                            var target = row.Slice((ky * w.KernelW + kx) * c, c);
                            if (iy < 0 || iy >= w.InH || ix < 0 || ix >= w.InW)
                            {
                                target.Clear();
                            }
                            else
                            {
                                input.AsSpan(inputBase + (iy * w.InW + ix) * c, c).CopyTo(target);
                            }
                        }
                    }
                }
            }
        });
        return columns;
    }

    /// <summary>Adds each im2col row's gradient back onto the input pixels it was copied from; items are independent.</summary>
    private void Col2Im(float[] columnGradient, float[] inputGradient, int batch)
    {
        var w = Window;
        var c = InChannels;
        var patch = PatchSize;
        var pixels = w.OutH * w.OutW;
        Parallel.For(0, batch, item =>
        {
            var inputBase = item * w.InH * w.InW * c;
            for (var oy = 0; oy < w.OutH; oy++)
            {
                for (var ox = 0; ox < w.OutW; ox++)
                {
                    var row = columnGradient.AsSpan(((item * pixels) + oy * w.OutW + ox) * patch, patch);
                    for (var ky = 0; ky < w.KernelH; ky++)
                    {
                        var iy = oy * w.StrideH - w.PadTop + ky * w.DilationH;
                        for (var kx = 0; kx < w.KernelW; kx++)
                        {
                            var ix = ox * w.StrideW - w.PadLeft + kx * w.DilationW;
                            if (iy >= 0 && iy < w.InH && ix >= 0 && ix < w.InW)
                            {
                                var target = inputGradient.AsSpan(inputBase + (iy * w.InW + ix) * c, c);
                                System.Numerics.Tensors.TensorPrimitives.Add(target, row.Slice((ky * w.KernelW + kx) * c, c), target);
                            }
                        }
                    }
                }
            }
        });
    }
}
