namespace Mote.Train.Optimizers;

/// <summary>The learning rate as a function of training progress, measured in (fractional) epochs.</summary>
public abstract class LearningRateSchedule
{
    protected LearningRateSchedule(float initial) => Initial = initial;

    public float Initial { get; }

    /// <summary>The rate at <paramref name="epoch"/> (e.g. 2.5 is halfway through the third epoch) of <paramref name="totalEpochs"/>.</summary>
    public abstract float At(double epoch, int totalEpochs);
}
