using System.Numerics.Tensors;

namespace Mote.Train.Layers;

public sealed class ReLU : ElementwiseActivation
{
    public ReLU(string name)
        : base(name)
    {
    }

    protected override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);

    protected override void AddGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (var i = 0; i < dx.Length; i++)
        {
            dx[i] += x[i] > 0 ? dy[i] : 0;
        }
    }
}
