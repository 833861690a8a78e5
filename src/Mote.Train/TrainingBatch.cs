namespace Mote.Train;

/// <summary>Reusable buffers for one batch gathered from an <see cref="ISampleSource"/>.</summary>
public sealed class TrainingBatch
{
    public TrainingBatch(ISampleSource source, int capacity)
    {
        Inputs = new float[capacity * source.ItemSize];
        Labels = new int[capacity];
        Targets = new float[capacity * source.TargetSize];
    }

    public float[] Inputs { get; }

    public int[] Labels { get; }

    public float[] Targets { get; }

    public int Count { get; private set; }

    /// <summary>Gathers the items at <paramref name="indices"/> (as they are in <paramref name="epoch"/>) into the buffers.</summary>
    public void Fill(ISampleSource source, ReadOnlySpan<int> indices, int epoch = 0)
    {
        Count = indices.Length;
        source.Read(indices, epoch, this);
    }
}
