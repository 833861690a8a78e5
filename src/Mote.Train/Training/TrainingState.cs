namespace Mote.Train.Training;

/// <summary>
/// Everything besides weights and optimizer state that a resumed run needs to continue bit-identically: epochs done,
/// the shuffle/dropout generator, and the early-stopping bookkeeping.
/// </summary>
public sealed record TrainingState(int EpochsDone, ulong RandomState, float BestValidationLoss, int BestEpoch, int EpochsWithoutImprovement)
{
    public static TrainingState Start(ulong seed) => new(0, seed, float.PositiveInfinity, -1, 0);
}
