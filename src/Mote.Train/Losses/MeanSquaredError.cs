namespace Mote.Train.Losses;

/// <summary>Mean of (output − target)² over every element of the batch.</summary>
public sealed class MeanSquaredError : Loss
{
    public override string Name => "mse";

    public override void CheckData(Dataset data, int outputSize)
    {
        if (data.TargetSize != outputSize)
        {
            throw new ArgumentException($"mean squared error needs {outputSize} target values per item, and the data set has {data.TargetSize}");
        }
    }

    public override float Compute(ReadOnlySpan<float> output, int outputSize, TrainingBatch batch, Span<float> gradient)
    {
        var count = batch.Count * outputSize;
        if (batch.Targets.Length < count)
        {
            throw new ArgumentException($"the batch has {batch.Targets.Length} target values; {count} outputs need one each");
        }

        var total = 0.0;
        for (var i = 0; i < count; i++)
        {
            var difference = output[i] - batch.Targets[i];
            total += difference * difference;
            gradient[i] = 2 * difference / count;
        }

        return (float)(total / count);
    }
}
