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
        var x = inputs[0].AsSpan(0, length);
        var y = output.AsSpan(0, length);
        var dy = outputGradient.AsSpan(0, length);
        var dx = inputGradient.AsSpan(0, length);
        for (var i = 0; i < dx.Length; i++)
        {
            dx[i] += dy[i] * Derivative(x[i], y[i]);
        }
    }

    protected abstract void Apply(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>dy/dx at input <paramref name="x"/> whose output was <paramref name="y"/>.</summary>
    protected abstract float Derivative(float x, float y);

    protected override int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random) => SingleInput(inputShapes);
}
