using System.Numerics.Tensors;
using Mote.Data;
using Mote.Graph;
using Mote.Train.Kernels;

namespace Mote.Train.Layers;

/// <summary>
/// Depthwise convolution: each input channel c has its own <see cref="Multiplier"/> filters, giving output channel
/// c·multiplier + j; filter [1, kh, kw, channels × multiplier] as TFLite's DEPTHWISE_CONV_2D. Items run in parallel; the
/// filter gradient is gathered per item and summed in item order, so it does not depend on scheduling.
/// </summary>
public sealed class DepthwiseConv2D : Layer
{
    private float[]? _itemGradients;

    public DepthwiseConv2D(string name, int kernelH, int kernelW, int strideH = 1, int strideW = 1, Padding padding = Padding.Same, int multiplier = 1, int dilationH = 1, int dilationW = 1, bool useBias = true)
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(multiplier);
        KernelH = kernelH;
        KernelW = kernelW;
        StrideH = strideH;
        StrideW = strideW;
        Padding = padding;
        Multiplier = multiplier;
        DilationH = dilationH;
        DilationW = dilationW;
        UseBias = useBias;
    }

    public int KernelH { get; }

    public int KernelW { get; }

    public int StrideH { get; }

    public int StrideW { get; }

    public Padding Padding { get; }

    public int Multiplier { get; }

    public int DilationH { get; }

    public int DilationW { get; }

    public bool UseBias { get; }

    public Parameter Weights { get; private set; } = null!;

    public Parameter? Bias { get; private set; }

    public override IReadOnlyList<Parameter> Parameters => Bias is null ? [Weights] : [Weights, Bias];

    internal Window Window { get; private set; }

    private int InChannels => InputShapes[0][2];

    private int OutChannels => InChannels * Multiplier;

    public override void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output)
    {
        var input = inputs[0];
        Parallel.For(0, context.Batch, item =>
        {
            var outBase = item * OutputSize;
            for (var pixel = 0; pixel < Window.OutH * Window.OutW; pixel++)
            {
                var target = output.AsSpan(outBase + pixel * OutChannels, OutChannels);
                if (Bias is null)
                {
                    target.Clear();
                }
                else
                {
                    Bias.Value.CopyTo(target);
                }
            }

            ForEachTap(item, (inputOffset, weightOffset, outputOffset) =>
            {
                var x = input.AsSpan(inputOffset, InChannels);
                var w = Weights.Value.AsSpan(weightOffset, OutChannels);
                var y = output.AsSpan(outputOffset, OutChannels);
                if (Multiplier == 1)
                {
                    TensorPrimitives.MultiplyAdd(x, w, y, y);
                    return;
                }

                for (var c = 0; c < x.Length; c++)
                {
                    for (var j = 0; j < Multiplier; j++)
                    {
                        y[c * Multiplier + j] += x[c] * w[c * Multiplier + j];
                    }
                }
            });
        });
    }

    public override void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients)
    {
        var input = inputs[0];
        var inputGradient = inputGradients[0];
        var weightCount = Weights.Length;
        var stride = weightCount + OutChannels;
        var itemGradients = Scratch(ref _itemGradients, context.Batch * stride);
        Parallel.For(0, context.Batch, item =>
        {
            itemGradients.AsSpan(item * stride, stride).Clear();
            var biasGradient = itemGradients.AsSpan(item * stride + weightCount, OutChannels);
            for (var pixel = 0; pixel < Window.OutH * Window.OutW; pixel++)
            {
                TensorPrimitives.Add(biasGradient, outputGradient.AsSpan(item * OutputSize + pixel * OutChannels, OutChannels), biasGradient);
            }

            ForEachTap(item, (inputOffset, weightOffset, outputOffset) =>
            {
                var x = input.AsSpan(inputOffset, InChannels);
                var w = Weights.Value.AsSpan(weightOffset, OutChannels);
                var dy = outputGradient.AsSpan(outputOffset, OutChannels);
                var dw = itemGradients.AsSpan(item * stride + weightOffset, OutChannels);
                var dx = inputGradient is null ? [] : inputGradient.AsSpan(inputOffset, InChannels);
                if (Multiplier == 1)
                {
                    TensorPrimitives.MultiplyAdd(x, dy, dw, dw);
                    if (!dx.IsEmpty)
                    {
                        TensorPrimitives.MultiplyAdd(w, dy, dx, dx);
                    }

                    return;
                }

                for (var c = 0; c < x.Length; c++)
                {
                    for (var j = 0; j < Multiplier; j++)
                    {
                        var o = c * Multiplier + j;
                        dw[o] += x[c] * dy[o];
                        if (!dx.IsEmpty)
                        {
                            dx[c] += w[o] * dy[o];
                        }
                    }
                }
            });
        });

        for (var item = 0; item < context.Batch; item++)
        {
            TensorPrimitives.Add(Weights.Gradient, itemGradients.AsSpan(item * stride, weightCount), Weights.Gradient);
            if (Bias is not null)
            {
                TensorPrimitives.Add(Bias.Gradient, itemGradients.AsSpan(item * stride + weightCount, OutChannels), Bias.Gradient);
            }
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

        Weights = new Parameter($"{Name}/depthwise_kernel", [1, KernelH, KernelW, shape[2] * Multiplier], decays: true);
        HeUniform(Weights, KernelH * KernelW, random);
        Bias = UseBias ? new Parameter($"{Name}/bias", [shape[2] * Multiplier]) : null;
        return [Window.OutH, Window.OutW, shape[2] * Multiplier];
    }

    /// <summary>Calls <paramref name="tap"/> with (input pixel, filter tap, output pixel) offsets for every in-bounds tap of one item.</summary>
    private void ForEachTap(int item, Action<int, int, int> tap)
    {
        var w = Window;
        for (var oy = 0; oy < w.OutH; oy++)
        {
            for (var ox = 0; ox < w.OutW; ox++)
            {
                var outputOffset = item * OutputSize + (oy * w.OutW + ox) * OutChannels;
                for (var ky = 0; ky < w.KernelH; ky++)
                {
                    var iy = oy * w.StrideH - w.PadTop + ky * w.DilationH;
                    if (iy < 0 || iy >= w.InH)
                    {
                        continue;
                    }

                    for (var kx = 0; kx < w.KernelW; kx++)
                    {
                        var ix = ox * w.StrideW - w.PadLeft + kx * w.DilationW;
                        if (ix >= 0 && ix < w.InW)
                        {
                            tap(item * InputSize + (iy * w.InW + ix) * InChannels, (ky * w.KernelW + kx) * OutChannels, outputOffset);
                        }
                    }
                }
            }
        }
    }
}
