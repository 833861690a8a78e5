using System.Numerics.Tensors;
using Mote.Data;

namespace Mote.Train.Layers;

/// <summary>Softmax over the last axis. For classification prefer logits with <see cref="Losses.CrossEntropy"/>, which is steadier; this layer is for graphs that need probabilities inside.</summary>
public sealed class Softmax : Layer
{
    public Softmax(string name)
        : base(name)
    {
    }

    private int Classes => OutputShape[^1];

    public override void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output)
    {
        var k = Classes;
        for (var r = 0; r < context.Batch * OutputSize / k; r++)
        {
            TensorPrimitives.SoftMax(inputs[0].AsSpan(r * k, k), output.AsSpan(r * k, k));
        }
    }

    /// <summary>dx = y ⊙ (dy − Σ dy·y).</summary>
    public override void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients)
    {
        if (inputGradients[0] is not { } inputGradient)
        {
            return;
        }

        var k = Classes;
        for (var r = 0; r < context.Batch * OutputSize / k; r++)
        {
            var y = output.AsSpan(r * k, k);
            var dy = outputGradient.AsSpan(r * k, k);
            var dx = inputGradient.AsSpan(r * k, k);
            var dot = TensorPrimitives.Dot(dy, y);
            for (var i = 0; i < k; i++)
            {
                dx[i] += y[i] * (dy[i] - dot);
            }
        }
    }

    protected override int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random) => SingleInput(inputShapes);
}
