namespace Mote.Train.Losses;

/// <summary>A training objective over a batch of network outputs.</summary>
public abstract class Loss
{
    /// <summary>Name used in specs and logs ("cross_entropy", "mse").</summary>
    public abstract string Name { get; }

    /// <summary>Throws when <paramref name="data"/> lacks what this loss compares a network's <paramref name="outputSize"/> outputs with.</summary>
    public abstract void CheckData(Dataset data, int outputSize);

    /// <summary>
    /// <see cref="CheckData(Dataset, int)"/> for any source; losses look only at labels and target values, so a source
    /// not in memory is checked through a stand-in carrying its labels (such sources have no targets).
    /// </summary>
    public void CheckData(ISampleSource data, int outputSize) => CheckData(data as Dataset ?? Dataset.LabelsOf(data), outputSize);

    /// <summary>The batch's mean loss; writes d(mean loss)/d(output) into <paramref name="gradient"/>.</summary>
    public abstract float Compute(ReadOnlySpan<float> output, int outputSize, TrainingBatch batch, Span<float> gradient);
}
