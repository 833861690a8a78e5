using Mote.Data.Augmentation;
using Mote.Train.Optimizers;

namespace Mote.Train.Training;

/// <summary>How <see cref="Trainer.Fit"/> runs.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 10;

    public int BatchSize { get; init; } = 32;

    /// <summary>Seeds the shuffling and dropout generator (the weights are seeded by the <see cref="NetworkBuilder"/>).</summary>
    public ulong Seed { get; init; } = 1;

    public LearningRateSchedule Schedule { get; init; } = new ConstantSchedule(1e-3f);

    /// <summary>Rescale gradients whose global L2 norm exceeds this; 0 turns clipping off.</summary>
    public float ClipNorm { get; init; }

    /// <summary>Stop when the validation loss has not improved for this many epochs; 0 turns early stopping off.</summary>
    public int EarlyStoppingPatience { get; init; }

    /// <summary>Applied to every training item of every batch (never to validation); null for none.</summary>
    public IAugmentation? Augmentation { get; init; }

    /// <summary>Where to write a checkpoint after every epoch (atomically); null for none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Called after every optimizer step with the step count (from 1); pruning re-applies its masks here.</summary>
    public Action<long>? AfterStep { get; init; }
}
