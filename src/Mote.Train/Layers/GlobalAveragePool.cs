using System.Numerics.Tensors;
using Mote.Data;

namespace Mote.Train.Layers;

/// <summary>Mean over all pixels of an [H, W, C] map, giving [C].</summary>
public sealed class GlobalAveragePool : Layer
{
    public GlobalAveragePool(string name)
        : base(name)
    {
    }

    private int Pixels => InputShapes[0][0] * InputShapes[0][1];

    public override void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output)
    {
        var channels = OutputSize;
        for (var item = 0; item < context.Batch; item++)
        {
            var sum = output.AsSpan(item * channels, channels);
            sum.Clear();
            for (var p = 0; p < Pixels; p++)
            {
                TensorPrimitives.Add(sum, inputs[0].AsSpan(item * InputSize + p * channels, channels), sum);
            }

            TensorPrimitives.Multiply(sum, 1f / Pixels, sum);
        }
    }

    public override void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients)
    {
        if (inputGradients[0] is not { } inputGradient)
        {
            return;
        }

        var channels = OutputSize;
        var scale = 1f / Pixels;
        for (var item = 0; item < context.Batch; item++)
        {
            var dy = outputGradient.AsSpan(item * channels, channels);
            for (var p = 0; p < Pixels; p++)
            {
                var dx = inputGradient.AsSpan(item * InputSize + p * channels, channels);
                TensorPrimitives.MultiplyAdd(dy, scale, dx, dx);
            }
        }
    }

    protected override int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random) => [SingleInput(inputShapes, rank: 3)[2]];
}
