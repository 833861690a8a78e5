using Mote.Data;

namespace Mote.Train.Layers;

/// <summary>Writes the weights a layer should compute with, given its stored float weights and their shape.</summary>
public delegate void WeightTransform(ReadOnlySpan<float> weights, int[] shape, Span<float> result);

/// <summary>
/// A <see cref="Conv2D"/>, <see cref="DepthwiseConv2D"/> or <see cref="Dense"/> whose forward and backward passes use
/// transformed weights (fake-quantized ones, for quantization-aware training) while the gradient lands on the stored
/// float weights unchanged — the straight-through estimator. The optimizer updates the float weights; each pass swaps
/// the transformed values in and the float ones back afterwards.
/// </summary>
public sealed class TransformedWeights : Layer
{
    private readonly WeightTransform _transform;
    private float[] _stored = [];

    public TransformedWeights(Layer inner, WeightTransform transform)
        : base(inner.Name)
    {
        if (inner is not (Conv2D or DepthwiseConv2D or Dense))
        {
            throw new ArgumentException($"{inner.Name}: only Conv2D, DepthwiseConv2D and Dense have weights to transform", nameof(inner));
        }

        Inner = inner;
        _transform = transform;
    }

    public Layer Inner { get; }

    public Parameter Weights => Inner switch
    {
        Conv2D conv => conv.Weights,
        DepthwiseConv2D depthwise => depthwise.Weights,
        _ => ((Dense)Inner).Weights,
    };

    public Parameter? Bias => Inner switch
    {
        Conv2D conv => conv.Bias,
        DepthwiseConv2D depthwise => depthwise.Bias,
        _ => ((Dense)Inner).Bias,
    };

    public override IReadOnlyList<Parameter> Parameters => Inner.Parameters;

    public override void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output)
    {
        Swap();
        try
        {
            Inner.Forward(context, inputs, output);
        }
        finally
        {
            Restore();
        }
    }

    public override void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients)
    {
        Swap();
        try
        {
            Inner.Backward(context, inputs, output, outputGradient, inputGradients);
        }
        finally
        {
            Restore();
        }
    }

    protected override int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random)
    {
        Inner.Connect(inputShapes, random);
        _stored = new float[Weights.Length];
        return Inner.OutputShape;
    }

    private void Swap()
    {
        var weights = Weights;
        weights.Value.CopyTo(_stored, 0);
        _transform(_stored, weights.Shape, weights.Value);
    }

    private void Restore() => _stored.CopyTo(Weights.Value, 0);
}
