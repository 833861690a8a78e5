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

    protected override float Derivative(float x, float y) => y * (1 - y);
}
