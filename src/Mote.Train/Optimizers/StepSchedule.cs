namespace Mote.Train.Optimizers;

/// <summary>The initial rate times <see cref="Factor"/> for every <see cref="EveryEpochs"/> whole epochs completed.</summary>
public sealed class StepSchedule(float initial, int everyEpochs, float factor = 0.1f) : LearningRateSchedule(initial)
{
    public int EveryEpochs { get; } = everyEpochs;

    public float Factor { get; } = factor;

    public override float At(double epoch, int totalEpochs) => Initial * MathF.Pow(Factor, (int)epoch / EveryEpochs);
}
