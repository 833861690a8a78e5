using System.Numerics.Tensors;

namespace Mote.Train.Training;

internal static class Metrics
{
    /// <summary>How many of the first <paramref name="count"/> output rows have their largest value at the label.</summary>
    public static int CountCorrect(float[] output, int outputSize, int[] labels, int count)
    {
        var correct = 0;
        for (var i = 0; i < count; i++)
        {
            if (TensorPrimitives.IndexOfMax(output.AsSpan(i * outputSize, outputSize)) == labels[i])
            {
                correct++;
            }
        }

        return correct;
    }
}
