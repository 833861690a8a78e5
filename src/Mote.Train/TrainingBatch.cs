namespace Mote.Train;

/// <summary>Reusable buffers for one batch gathered from a <see cref="Dataset"/>.</summary>
public sealed class TrainingBatch
{
    public TrainingBatch(Dataset dataset, int capacity)
    {
        Inputs = new float[capacity * dataset.ItemSize];
        Labels = new int[capacity];
        Targets = new float[capacity * dataset.TargetSize];
    }

    public float[] Inputs { get; }

    public int[] Labels { get; }

    public float[] Targets { get; }

    public int Count { get; private set; }

    /// <summary>Copies the items at <paramref name="indices"/> into the buffers.</summary>
    public void Fill(Dataset dataset, ReadOnlySpan<int> indices)
    {
        Count = indices.Length;
        for (var i = 0; i < indices.Length; i++)
        {
            var item = indices[i];
            dataset.Inputs.AsSpan(item * dataset.ItemSize, dataset.ItemSize).CopyTo(Inputs.AsSpan(i * dataset.ItemSize));
            if (dataset.Labels is { } labels)
            {
                Labels[i] = labels[item];
            }

            if (dataset.Targets is { } targets)
            {
                targets.AsSpan(item * dataset.TargetSize, dataset.TargetSize).CopyTo(Targets.AsSpan(i * dataset.TargetSize));
            }
        }
    }
}
