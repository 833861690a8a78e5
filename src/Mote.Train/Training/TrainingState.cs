namespace Mote.Train.Training;

/// <summary>
/// Everything besides weights and optimizer state that a resumed run needs to continue bit-identically: epochs done,
/// the shuffle/dropout generator, and the early-stopping bookkeeping; and the results of the epochs done, so that a
/// training log can be made to agree with the checkpoint whenever the process died.
/// </summary>
public sealed record TrainingState(int EpochsDone, ulong RandomState, float BestValidationLoss, int BestEpoch, int EpochsWithoutImprovement)
{
    /// <summary>One result per epoch done, in order.</summary>
    public IReadOnlyList<EpochResult> History { get; init; } = [];

    public static TrainingState Start(ulong seed) => new(0, seed, float.PositiveInfinity, -1, 0);
}
