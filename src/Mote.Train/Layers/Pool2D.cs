using Mote.Data;
using Mote.Graph;
using Mote.Train.Kernels;

namespace Mote.Train.Layers;

/// <summary>Common shape handling of <see cref="MaxPool2D"/> and <see cref="AveragePool2D"/> (TFLite's Pool2DOptions).</summary>
public abstract class Pool2D : Layer
{
    protected Pool2D(string name, int poolH, int poolW, int strideH, int strideW, Padding padding)
        : base(name)
    {
        PoolH = poolH;
        PoolW = poolW;
        StrideH = strideH;
        StrideW = strideW;
        Padding = padding;
    }

    public int PoolH { get; }

    public int PoolW { get; }

    public int StrideH { get; }

    public int StrideW { get; }

    public Padding Padding { get; }

    internal Window Window { get; private set; }

    protected int Channels => InputShapes[0][2];

    protected override int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random)
    {
        var shape = SingleInput(inputShapes, rank: 3);
        Window = new Window(shape[0], shape[1], PoolH, PoolW, StrideH, StrideW, 1, 1, Padding);
        if (Window.OutH <= 0 || Window.OutW <= 0)
        {
            throw new ArgumentException($"{Name}: a {PoolH}×{PoolW} pool does not fit a {shape[0]}×{shape[1]} input");
        }

        return [Window.OutH, Window.OutW, shape[2]];
    }

    /// <summary>The in-bounds window rows [y0, y1) and columns [x0, x1) of output pixel (oy, ox).</summary>
    protected (int Y0, int Y1, int X0, int X1) Bounds(int oy, int ox)
    {
        var w = Window;
        var y0 = oy * w.StrideH - w.PadTop;
        var x0 = ox * w.StrideW - w.PadLeft;
        return (Math.Max(y0, 0), Math.Min(y0 + w.KernelH, w.InH), Math.Max(x0, 0), Math.Min(x0 + w.KernelW, w.InW));
    }
}
