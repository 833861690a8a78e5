using System.Numerics.Tensors;
using Mote.Data;

namespace Mote.Train.Layers;

/// <summary>Same elements, new shape (NHWC order is kept, as TFLite's RESHAPE). An empty target shape flattens.</summary>
public sealed class Reshape : Layer
{
    public Reshape(string name, int[] targetShape)
        : base(name) => TargetShape = targetShape;

    public int[] TargetShape { get; }

    public override void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output) =>
        inputs[0].AsSpan(0, context.Batch * OutputSize).CopyTo(output);

    public override void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients)
    {
        if (inputGradients[0] is { } inputGradient)
        {
            var length = context.Batch * OutputSize;
            TensorPrimitives.Add(inputGradient.AsSpan(0, length), outputGradient.AsSpan(0, length), inputGradient.AsSpan(0, length));
        }
    }

    protected override int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random)
    {
        var size = Size(SingleInput(inputShapes));
        if (TargetShape.Length == 0)
        {
            return [size];
        }

        if (Size(TargetShape) != size)
        {
            throw new ArgumentException($"{Name}: cannot reshape [{string.Join(", ", inputShapes[0])}] to [{string.Join(", ", TargetShape)}]");
        }

        return TargetShape;
    }
}
