using Mote.Data;

namespace Mote.Train.Layers;

/// <summary>An activation applied element by element; subclasses give the function and its derivative.</summary>
public abstract class ElementwiseActivation : Layer
{
    protected ElementwiseActivation(string name)
        : base(name)
    {
    }

    public override void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output)
    {
        var length = context.Batch * OutputSize;
        Apply(inputs[0].AsSpan(0, length), output.AsSpan(0, length));
    }

    public override void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients)
    {
        if (inputGradients[0] is not { } inputGradient)
        {
            return;
        }

        var length = context.Batch * OutputSize;
        AddGradient(inputs[0].AsSpan(0, length), output.AsSpan(0, length), outputGradient.AsSpan(0, length), inputGradient.AsSpan(0, length));
    }

    protected abstract void Apply(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>dx += dy · f′, given the inputs <paramref name="x"/> and the outputs <paramref name="y"/> they gave.</summary>
    protected abstract void AddGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx);

    protected override int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random) => SingleInput(inputShapes);
}
