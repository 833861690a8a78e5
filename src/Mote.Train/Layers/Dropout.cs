using Mote.Data;

namespace Mote.Train.Layers;

/// <summary>Inverted dropout: in training each element is zeroed with probability <see cref="Rate"/> and the rest scaled by 1/(1 − rate); identity at inference.</summary>
public sealed class Dropout : Layer
{
    private float[]? _mask;

    public Dropout(string name, float rate)
        : base(name)
    {
        if (rate is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), "dropout rate must be in [0, 1)");
        }

        Rate = rate;
    }

    public float Rate { get; }

    public override void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output)
    {
        var length = context.Batch * OutputSize;
        if (!context.Training)
        {
            inputs[0].AsSpan(0, length).CopyTo(output);
            return;
        }

        var mask = Scratch(ref _mask, length);
        var keep = 1f / (1 - Rate);
        for (var i = 0; i < length; i++)
        {
            mask[i] = context.Random.NextSingle() < Rate ? 0 : keep;
            output[i] = inputs[0][i] * mask[i];
        }
    }

    public override void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients)
    {
        if (inputGradients[0] is not { } inputGradient)
        {
            return;
        }

        for (var i = 0; i < context.Batch * OutputSize; i++)
        {
            inputGradient[i] += outputGradient[i] * _mask![i];
        }
    }

    protected override int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random) => SingleInput(inputShapes);
}
