using Mote.Graph;

namespace Mote.Train.Layers;

/// <summary>Max pooling; remembers which input won each output so the gradient goes back to it alone.</summary>
public sealed class MaxPool2D : Pool2D
{
    private int[] _winners = [];

    public MaxPool2D(string name, int poolH, int poolW, int strideH, int strideW, Padding padding = Padding.Valid)
        : base(name, poolH, poolW, strideH, strideW, padding)
    {
    }

    public override void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output)
    {
        var input = inputs[0];
        if (_winners.Length < context.Batch * OutputSize)
        {
            _winners = new int[context.Batch * OutputSize];
        }

        var winners = _winners;
        Parallel.For(0, context.Batch, item =>
        {
            var w = Window;
            for (var oy = 0; oy < w.OutH; oy++)
            {
                for (var ox = 0; ox < w.OutW; ox++)
                {
                    var (y0, y1, x0, x1) = Bounds(oy, ox);
                    var outBase = item * OutputSize + (oy * w.OutW + ox) * Channels;
                    var best = output.AsSpan(outBase, Channels);
                    var winner = winners.AsSpan(outBase, Channels);
                    for (var y = y0; y < y1; y++)
                    {
                        for (var x = x0; x < x1; x++)
                        {
                            var inBase = item * InputSize + (y * w.InW + x) * Channels;
                            var first = y == y0 && x == x0;
                            for (var c = 0; c < Channels; c++)
                            {
                                if (first || input[inBase + c] > best[c])
                                {
                                    best[c] = input[inBase + c];
                                    winner[c] = inBase + c;
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    public override void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients)
    {
        if (inputGradients[0] is not { } inputGradient)
        {
            return;
        }

        // Windows may overlap, but each item's winners lie in its own input, so items are independent.
        Parallel.For(0, context.Batch, item =>
        {
            for (var o = item * OutputSize; o < (item + 1) * OutputSize; o++)
            {
                inputGradient[_winners[o]] += outputGradient[o];
            }
        });
    }
}
