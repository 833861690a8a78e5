using Mote.Graph;

namespace Mote.Train.Layers;

/// <summary>Average pooling; as in TFLite, a SAME-padded window averages only the input pixels it covers.</summary>
public sealed class AveragePool2D : Pool2D
{
    public AveragePool2D(string name, int poolH, int poolW, int strideH, int strideW, Padding padding = Padding.Valid)
        : base(name, poolH, poolW, strideH, strideW, padding)
    {
    }

    public override void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output)
    {
        var input = inputs[0];
        Parallel.For(0, context.Batch, item => Visit(item, (inputIndex, outputIndex, scale) =>
        {
            output[outputIndex] += input[inputIndex] * scale;
        }, output));
    }

    public override void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients)
    {
        if (inputGradients[0] is not { } inputGradient)
        {
            return;
        }

        Parallel.For(0, context.Batch, item => Visit(item, (inputIndex, outputIndex, scale) =>
        {
            inputGradient[inputIndex] += outputGradient[outputIndex] * scale;
        }, null));
    }

    /// <summary>Calls <paramref name="pair"/> for every (input, output, 1/count) of one item, clearing the item's outputs first when given.</summary>
    private void Visit(int item, Action<int, int, float> pair, float[]? clear)
    {
        var w = Window;
        clear?.AsSpan(item * OutputSize, OutputSize).Clear();
        for (var oy = 0; oy < w.OutH; oy++)
        {
            for (var ox = 0; ox < w.OutW; ox++)
            {
                var (y0, y1, x0, x1) = Bounds(oy, ox);
                var scale = 1f / ((y1 - y0) * (x1 - x0));
                var outBase = item * OutputSize + (oy * w.OutW + ox) * Channels;
                for (var y = y0; y < y1; y++)
                {
                    for (var x = x0; x < x1; x++)
                    {
                        var inBase = item * InputSize + (y * w.InW + x) * Channels;
                        for (var c = 0; c < Channels; c++)
                        {
                            pair(inBase + c, outBase + c, scale);
                        }
                    }
                }
            }
        }
    }
}
