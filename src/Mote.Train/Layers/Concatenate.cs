using System.Numerics.Tensors;
using Mote.Data;

namespace Mote.Train.Layers;

/// <summary>Joins inputs along the last axis (channels); the other dimensions must agree.</summary>
public sealed class Concatenate : Layer
{
    public Concatenate(string name)
        : base(name)
    {
    }

    public override void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output) =>
        ForEachSlice(context.Batch, (input, inputOffset, outputOffset, length) =>
            inputs[input].AsSpan(inputOffset, length).CopyTo(output.AsSpan(outputOffset, length)));

    public override void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients) =>
        ForEachSlice(context.Batch, (input, inputOffset, outputOffset, length) =>
        {
            if (inputGradients[input] is { } inputGradient)
            {
                var dx = inputGradient.AsSpan(inputOffset, length);
                TensorPrimitives.Add(dx, outputGradient.AsSpan(outputOffset, length), dx);
            }
        });

    protected override int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random)
    {
        var first = inputShapes[0];
        if (inputShapes.Count < 2 || inputShapes.Any(s => s.Length != first.Length || !s[..^1].SequenceEqual(first[..^1])))
        {
            throw new ArgumentException($"{Name}: inputs must agree in all but the last dimension, got {string.Join(" ", inputShapes.Select(s => $"[{string.Join(", ", s)}]"))}");
        }

        return [.. first[..^1], inputShapes.Sum(s => s[^1])];
    }

    /// <summary>Calls <paramref name="slice"/> with (input, input offset, output offset, length) for each channel run.</summary>
    private void ForEachSlice(int batch, Action<int, int, int, int> slice)
    {
        var rows = batch * OutputSize / OutputShape[^1];
        var outputOffset = 0;
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < InputShapes.Count; i++)
            {
                var length = InputShapes[i][^1];
                slice(i, r * length, outputOffset, length);
                outputOffset += length;
            }
        }
    }
}
