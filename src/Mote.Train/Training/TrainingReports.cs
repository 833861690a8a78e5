namespace Mote.Train.Training;

/// <summary>What one epoch achieved. Validation figures are null without validation data; accuracy is null for regression.</summary>
public sealed record EpochResult(
    int Epoch,
    float LearningRate,
    float TrainLoss,
    float? TrainAccuracy,
    float? ValidationLoss,
    float? ValidationAccuracy,
    TimeSpan Elapsed);

/// <summary>A progress report: after every batch (<see cref="Completed"/> null) and at the end of every epoch.</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, float BatchLoss, EpochResult? Completed);

/// <summary>The mean loss and (for labelled data) accuracy of a network on a data set.</summary>
public sealed record Evaluation(float Loss, float? Accuracy);

/// <summary>
/// The epochs run by this call of <see cref="Trainer.Fit"/> (a resumed run's earlier epochs are in
/// <see cref="TrainingState.History"/>) and why it stopped.
/// </summary>
public sealed record TrainingResult(IReadOnlyList<EpochResult> Epochs, bool StoppedEarly, int BestEpoch);
