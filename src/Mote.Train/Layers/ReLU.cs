using System.Numerics.Tensors;

namespace Mote.Train.Layers;

public sealed class ReLU : ElementwiseActivation
{
    public ReLU(string name)
        : base(name)
    {
    }

    protected override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);

    protected override float Derivative(float x, float y) => x > 0 ? 1 : 0;
}
