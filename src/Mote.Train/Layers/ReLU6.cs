using System.Numerics.Tensors;

namespace Mote.Train.Layers;

/// <summary>min(max(x, 0), 6), the MobileNet activation that quantizes well.</summary>
public sealed class ReLU6 : ElementwiseActivation
{
    public ReLU6(string name)
        : base(name)
    {
    }

    protected override void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        TensorPrimitives.Max(x, 0f, y);
        TensorPrimitives.Min(y, 6f, y);
    }

    protected override void AddGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (var i = 0; i < dx.Length; i++)
        {
            dx[i] += x[i] is > 0 and < 6 ? dy[i] : 0;
        }
    }
}
