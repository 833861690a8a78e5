namespace Mote.Train.Optimizers;

/// <summary>The learning rate as a function of training progress, measured in (fractional) epochs.</summary>
public abstract class LearningRateSchedule
{
    protected LearningRateSchedule(float initial) => Initial = initial;

    public float Initial { get; }

    /// <summary>The rate at <paramref name="epoch"/> (e.g. 2.5 is halfway through the third epoch) of <paramref name="totalEpochs"/>.</summary>
    public abstract float At(double epoch, int totalEpochs);
}

public sealed class ConstantSchedule(float rate) : LearningRateSchedule(rate)
{
    public override float At(double epoch, int totalEpochs) => Initial;
}

/// <summary>Cosine decay from the initial rate to <see cref="Minimum"/> over the run, after an optional linear warm-up.</summary>
public sealed class CosineSchedule(float initial, float minimum = 0f, double warmupEpochs = 0) : LearningRateSchedule(initial)
{
    public float Minimum { get; } = minimum;

    public double WarmupEpochs { get; } = warmupEpochs;

    public override float At(double epoch, int totalEpochs)
    {
        if (epoch < WarmupEpochs)
        {
            return (float)(Initial * (epoch + 1e-3) / WarmupEpochs);
        }

        var progress = Math.Clamp((epoch - WarmupEpochs) / Math.Max(1e-9, totalEpochs - WarmupEpochs), 0, 1);
        return (float)(Minimum + 0.5 * (Initial - Minimum) * (1 + Math.Cos(Math.PI * progress)));
    }
}

/// <summary>The initial rate times <see cref="Factor"/> for every <see cref="EveryEpochs"/> whole epochs completed.</summary>
public sealed class StepSchedule(float initial, int everyEpochs, float factor = 0.1f) : LearningRateSchedule(initial)
{
    public int EveryEpochs { get; } = everyEpochs;

    public float Factor { get; } = factor;

    public override float At(double epoch, int totalEpochs) => Initial * MathF.Pow(Factor, (int)epoch / EveryEpochs);
}
