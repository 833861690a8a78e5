using Mote.Train;
using Mote.Train.Losses;

namespace Mote.Compress.Distillation;

/// <summary>
/// Hinton's knowledge distillation on logits: α·T²·KL(softmax(t/T) ‖ softmax(s/T)) + (1 − α)·CE(label, softmax(s)), for
/// student logits s and teacher logits t (the batch's targets). The temperature T softens both distributions so the
/// teacher's ranking of the wrong classes carries information; the T² factor keeps the soft term's gradient,
/// α·T·(softmax(s/T) − softmax(t/T)), on the scale of the hard term's as T changes.
/// </summary>
public sealed class DistillationLoss : Loss
{
    public DistillationLoss(float temperature, float alpha)
    {
        if (!(temperature > 0) || float.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), $"temperature must be positive, not {temperature}");
        }

        if (alpha is < 0 or > 1 || float.IsNaN(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), $"alpha (the soft targets' weight) must be in [0, 1], not {alpha}");
        }

        Temperature = temperature;
        Alpha = alpha;
    }

    public float Temperature { get; }

    /// <summary>The weight of the teacher's soft targets; 1 − α goes to the hard labels.</summary>
    public float Alpha { get; }

    public override string Name => "distillation";

    public override void CheckData(Dataset data, int outputSize)
    {
        new CrossEntropy().CheckData(data, outputSize);
        if (data.TargetSize != outputSize)
        {
            throw new ArgumentException($"distillation needs the teacher's {outputSize} logits per item as targets, the data set has {data.TargetSize}");
        }
    }

    public override float Compute(ReadOnlySpan<float> output, int outputSize, TrainingBatch batch, Span<float> gradient)
    {
        var k = outputSize;
        var t = (double)Temperature;
        var student = new double[k];
        var softStudent = new double[k];
        var softTeacher = new double[k];
        var total = 0.0;
        for (var i = 0; i < batch.Count; i++)
        {
            var logits = output.Slice(i * k, k);
            var teacher = batch.Targets.AsSpan(i * k, k);
            var label = batch.Labels[i];
            if ((uint)label >= (uint)k)
            {
                throw new ArgumentException($"label {label} of batch item {i} is outside the {k} classes");
            }

            LogSoftmax(logits, 1, student);
            LogSoftmax(logits, t, softStudent);
            LogSoftmax(teacher, t, softTeacher);
            var kl = 0.0;
            for (var c = 0; c < k; c++)
            {
                var pTeacher = Math.Exp(softTeacher[c]);
                kl += pTeacher * (softTeacher[c] - softStudent[c]);
                var soft = t * (Math.Exp(softStudent[c]) - pTeacher);
                var hard = Math.Exp(student[c]) - (c == label ? 1 : 0);
                gradient[i * k + c] = (float)((Alpha * soft + (1 - Alpha) * hard) / batch.Count);
            }

            total += Alpha * t * t * kl - (1 - Alpha) * student[label];
        }

        return (float)(total / batch.Count);
    }

    /// <summary>log softmax(z / T), computed stably in double precision.</summary>
    private static void LogSoftmax(ReadOnlySpan<float> logits, double temperature, double[] result)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits)
        {
            max = Math.Max(max, z / temperature);
        }

        var sum = 0.0;
        foreach (var z in logits)
        {
            sum += Math.Exp(z / temperature - max);
        }

        var logSum = max + Math.Log(sum);
        for (var c = 0; c < logits.Length; c++)
        {
            result[c] = logits[c] / temperature - logSum;
        }
    }
}
