namespace Mote.Data;

/// <summary>Item indices of a train / validation / test partition of one data set.</summary>
public sealed record DataSplit(int[] Train, int[] Validation, int[] Test)
{
    /// <summary>
    /// Shuffles 0..count-1 with <paramref name="seed"/> and cuts it into validation, test and train parts (in that
    /// order of the shuffled list, sizes rounded down). The same arguments always give the same split.
    /// </summary>
    public static DataSplit Create(int count, double validationFraction, double testFraction, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), "fractions must be non-negative and add up to at most 1");
        }

        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        new SeededRandom(seed).Shuffle(order.AsSpan());
        var validation = (int)(count * validationFraction);
        var test = (int)(count * testFraction);
        return new DataSplit(order[(validation + test)..], order[..validation], order[validation..(validation + test)]);
    }
}
