using System.Numerics.Tensors;

namespace Mote.Train.Layers;

public sealed class Tanh : ElementwiseActivation
{
    public Tanh(string name)
        : base(name)
    {
    }

    protected override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Tanh(x, y);

    protected override void AddGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (var i = 0; i < dx.Length; i++)
        {
            dx[i] += dy[i] * (1 - y[i] * y[i]);
        }
    }
}
