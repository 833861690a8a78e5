using System.Numerics.Tensors;

namespace Mote.Train.Losses;

/// <summary>
/// Softmax cross-entropy on logits against class labels, with optional label smoothing ε (the target puts 1 − ε on
/// the label and spreads ε evenly over all classes). Taking logits keeps it steady: the gradient is softmax − target.
/// </summary>
public sealed class CrossEntropy : Loss
{
    public CrossEntropy(float labelSmoothing = 0f)
    {
        if (labelSmoothing is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), "label smoothing must be in [0, 1)");
        }

        LabelSmoothing = labelSmoothing;
    }

    public float LabelSmoothing { get; }

    public override string Name => "cross_entropy";

    public override void CheckData(Dataset data, int outputSize)
    {
        if (data.Labels is null)
        {
            throw new ArgumentException("cross-entropy needs class labels, and the data set has none");
        }

        foreach (var label in data.Labels)
        {
            if ((uint)label >= (uint)outputSize)
            {
                throw new ArgumentException($"label {label} is outside the network's {outputSize} classes");
            }
        }
    }

    public override float Compute(ReadOnlySpan<float> output, int outputSize, TrainingBatch batch, Span<float> gradient)
    {
        var k = outputSize;
        var offTarget = LabelSmoothing / k;
        var onTarget = 1 - LabelSmoothing + offTarget;
        var total = 0.0;
        for (var i = 0; i < batch.Count; i++)
        {
            var logits = output.Slice(i * k, k);
            var label = batch.Labels[i];
            if ((uint)label >= (uint)k)
            {
                throw new ArgumentException($"label {label} of batch item {i} is outside the {k} classes");
            }

            var max = TensorPrimitives.Max(logits);
            var sumExp = 0.0;
            foreach (var z in logits)
            {
                sumExp += Math.Exp(z - max);
            }

            var logSumExp = max + Math.Log(sumExp);
            var g = gradient.Slice(i * k, k);
            for (var c = 0; c < k; c++)
            {
                var target = c == label ? onTarget : offTarget;
                total -= target * (logits[c] - logSumExp);
                g[c] = (float)((Math.Exp(logits[c] - logSumExp) - target) / batch.Count);
            }
        }

        return (float)(total / batch.Count);
    }
}
