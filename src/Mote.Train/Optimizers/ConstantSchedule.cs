namespace Mote.Train.Optimizers;

public sealed class ConstantSchedule(float rate) : LearningRateSchedule(rate)
{
    public override float At(double epoch, int totalEpochs) => Initial;
}
