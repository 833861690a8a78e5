namespace Mote.Train.Sources;

/// <summary>
/// A labelled data set whose inputs stay on disk in a <see cref="FeatureFile"/>: the items at <c>Items[i]</c> of the
/// file, in that order, so a train/validation split is two views of one file. Shuffling stays by index (the trainer's
/// order, exactly as in memory) and every item is a positional read; the operating system's page cache does the
/// buffering. Same order, same values: the weights are bit for bit those of the in-memory data.
/// </summary>
public sealed class StreamedDataset : ISampleSource
{
    private readonly FeatureFile _file;
    private readonly int[] _items;

    /// <param name="labels">The label of each file item (all of them, not only this view's).</param>
    public StreamedDataset(FeatureFile file, int[] itemShape, int[] labels, int[] items)
    {
        if (Layer.Size(itemShape) != file.ItemSize)
        {
            throw new ArgumentException($"items of shape [{string.Join(", ", itemShape)}] do not have the file's {file.ItemSize} values", nameof(itemShape));
        }

        if (labels.Length != file.Count)
        {
            throw new ArgumentException($"{labels.Length} labels for the {file.Count} items of {file.Path}", nameof(labels));
        }

        _file = file;
        _items = items;
        ItemShape = itemShape;
        Labels = [.. items.Select(i => labels[i])];
    }

    public int[] ItemShape { get; }

    public int ItemSize => _file.ItemSize;

    public int Count => _items.Length;

    public int[] Labels { get; }

    public int TargetSize => 0;

    public void Read(ReadOnlySpan<int> indices, int epoch, TrainingBatch batch)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            _file.Read(_items[indices[i]], batch.Inputs.AsSpan(i * ItemSize, ItemSize));
            batch.Labels[i] = Labels[indices[i]];
        }
    }
}
