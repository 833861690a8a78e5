namespace Mote.Train.Optimizers;

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
