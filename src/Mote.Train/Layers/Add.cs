using System.Numerics.Tensors;
using Mote.Data;

namespace Mote.Train.Layers;

/// <summary>Element-wise sum of inputs of one shape (residual connections).</summary>
public sealed class Add : Layer
{
    public Add(string name)
        : base(name)
    {
    }

    public override void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output)
    {
        var y = output.AsSpan(0, context.Batch * OutputSize);
        inputs[0].AsSpan(0, y.Length).CopyTo(y);
        for (var i = 1; i < inputs.Count; i++)
        {
            TensorPrimitives.Add(y, inputs[i].AsSpan(0, y.Length), y);
        }
    }

    public override void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients)
    {
        var dy = outputGradient.AsSpan(0, context.Batch * OutputSize);
        foreach (var inputGradient in inputGradients)
        {
            if (inputGradient is not null)
            {
                var dx = inputGradient.AsSpan(0, dy.Length);
                TensorPrimitives.Add(dx, dy, dx);
            }
        }
    }

    protected override int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random)
    {
        if (inputShapes.Count < 2 || inputShapes.Any(s => !s.SequenceEqual(inputShapes[0])))
        {
            throw new ArgumentException($"{Name}: needs two or more inputs of one shape, got {string.Join(" ", inputShapes.Select(s => $"[{string.Join(", ", s)}]"))}");
        }

        return inputShapes[0];
    }
}
