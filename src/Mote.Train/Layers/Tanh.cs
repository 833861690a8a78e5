using System.Numerics.Tensors;

namespace Mote.Train.Layers;

public sealed class Tanh : ElementwiseActivation
{
    public Tanh(string name)
        : base(name)
    {
    }

    protected override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Tanh(x, y);

    protected override float Derivative(float x, float y) => 1 - y * y;
}
