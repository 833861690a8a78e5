using Mote.Compress.Quantization;
using Mote.Data;
using Mote.Train;

namespace Mote.Compress.Qat;

/// <summary>
/// Fake quantization of an activation: rounds every value to the int8 grid of its <see cref="ActivationObserver"/> and
/// back, with TFLite's rounding, so training sees the int8 model's values. In training the updating node of a group
/// first moves the observer's range towards this batch's. Backward is the straight-through estimator: the gradient
/// passes where the input lay inside the grid's range and is zero where it was clipped.
/// </summary>
public sealed class ActivationFakeQuant : Layer
{
    private float _low;
    private float _high;

    public ActivationFakeQuant(string name, ActivationObserver observer, bool updatesObserver)
        : base(name)
    {
        Observer = observer;
        UpdatesObserver = updatesObserver;
    }

    public ActivationObserver Observer { get; }

    public bool UpdatesObserver { get; }

    public override void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output)
    {
        var values = inputs[0].AsSpan(0, context.Batch * InputSize);
        if (context.Training && UpdatesObserver)
        {
            Observer.Update(TensorRange.Of(values));
        }

        var q = Observer.Parameters;
        var scale = q.Scales[0];
        var zeroPoint = (int)q.ZeroPoints[0];
        _low = (Int8Quantization.Min - zeroPoint) * scale;
        _high = (Int8Quantization.Max - zeroPoint) * scale;
        Int8Quantization.FakeQuantize(values, scale, zeroPoint, output);
    }

    public override void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients)
    {
        if (inputGradients[0] is not { } inputGradient)
        {
            return;
        }

        var input = inputs[0];
        for (var i = 0; i < context.Batch * InputSize; i++)
        {
            if (input[i] >= _low && input[i] <= _high)
            {
                inputGradient[i] += outputGradient[i];
            }
        }
    }

    protected override int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random) => SingleInput(inputShapes);
}
