using Mote.Data;

namespace Mote.Train;

/// <summary>
/// Training items in memory: inputs as one flat NHWC array, and either class labels (classification) or target
/// arrays (regression, autoencoders).
/// </summary>
public sealed class Dataset : ISampleSource
{
    public Dataset(float[] inputs, int[] itemShape, int[]? labels = null, float[]? targets = null)
    {
        ItemShape = itemShape;
        ItemSize = Layer.Size(itemShape);
        if (ItemSize <= 0 || inputs.Length % ItemSize != 0)
        {
            throw new ArgumentException($"{inputs.Length} input values do not divide into items of shape [{string.Join(", ", itemShape)}]", nameof(inputs));
        }

        Inputs = inputs;
        Count = inputs.Length / ItemSize;
        if (labels is not null && labels.Length != Count)
        {
            throw new ArgumentException($"{labels.Length} labels for {Count} items", nameof(labels));
        }

        if (targets is not null && (Count == 0 || targets.Length % Count != 0))
        {
            throw new ArgumentException($"{targets.Length} target values do not divide among {Count} items", nameof(targets));
        }

        Labels = labels;
        Targets = targets;
        TargetSize = targets is null || Count == 0 ? 0 : targets.Length / Count;
    }

    public float[] Inputs { get; }

    public int[] ItemShape { get; }

    public int ItemSize { get; }

    public int Count { get; }

    public int[]? Labels { get; }

    public float[]? Targets { get; }

    public int TargetSize { get; }

    /// <summary>Images with their labels, [H, W, C] items.</summary>
    public static Dataset FromImages(LabeledImages images) =>
        new(images.Pixels, [images.Height, images.Width, images.Channels], images.Labels);

    /// <summary>An autoencoder's data: each item is its own target.</summary>
    public static Dataset Autoencoder(float[] inputs, int[] itemShape) => new(inputs, itemShape, targets: inputs);

    /// <summary>
    /// A stand-in for a source that is not in memory, for checks that look only at labels and target values: one
    /// zero per item as input, the source's labels, no targets.
    /// </summary>
    internal static Dataset LabelsOf(ISampleSource source) => new(new float[source.Count], [1], source.Labels);

    /// <summary>Items do not change from epoch to epoch: augmentation of in-memory items is the trainer's.</summary>
    public void Read(ReadOnlySpan<int> indices, int epoch, TrainingBatch batch)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            var item = indices[i];
            Inputs.AsSpan(item * ItemSize, ItemSize).CopyTo(batch.Inputs.AsSpan(i * ItemSize));
            if (Labels is { } labels)
            {
                batch.Labels[i] = labels[item];
            }

            if (Targets is { } targets)
            {
                targets.AsSpan(item * TargetSize, TargetSize).CopyTo(batch.Targets.AsSpan(i * TargetSize));
            }
        }
    }

    /// <summary>The items at <paramref name="indices"/>, in that order.</summary>
    public Dataset Subset(ReadOnlySpan<int> indices)
    {
        var batch = new TrainingBatch(this, indices.Length);
        batch.Fill(this, indices);
        return new Dataset(batch.Inputs, ItemShape, Labels is null ? null : batch.Labels, Targets is null ? null : batch.Targets);
    }
}
