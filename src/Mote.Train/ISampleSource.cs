namespace Mote.Train;

/// <summary>
/// Training items the trainer gathers batch by batch, by index: from memory (<see cref="Dataset"/>), from a feature
/// file on disk (<see cref="Sources.StreamedDataset"/>), or computed afresh every epoch (<see cref="Sources.AugmentedClips"/>).
/// Labels are always in memory (4 bytes an item); a source must give the same item for the same index and epoch, so
/// that where items live never changes the weights.
/// </summary>
public interface ISampleSource
{
    int[] ItemShape { get; }

    int ItemSize { get; }

    int Count { get; }

    /// <summary>Class labels (classification), or null.</summary>
    int[]? Labels { get; }

    /// <summary>Target values per item (regression, autoencoders); 0 for none.</summary>
    int TargetSize { get; }

    /// <summary>
    /// Writes the items at <paramref name="indices"/> into the first <c>indices.Length</c> slots of
    /// <paramref name="batch"/>; <paramref name="epoch"/> is the training epoch (0 outside training).
    /// </summary>
    void Read(ReadOnlySpan<int> indices, int epoch, TrainingBatch batch);
}
