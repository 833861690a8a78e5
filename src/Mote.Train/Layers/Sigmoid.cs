using System.Numerics.Tensors;

namespace Mote.Train.Layers;

/// <summary>1 / (1 + e^−x), TFLite's LOGISTIC.</summary>
public sealed class Sigmoid : ElementwiseActivation
{
    public Sigmoid(string name)
        : base(name)
    {
    }

    protected override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Sigmoid(x, y);

    protected override void AddGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (var i = 0; i < dx.Length; i++)
        {
            dx[i] += dy[i] * y[i] * (1 - y[i]);
        }
    }
}
