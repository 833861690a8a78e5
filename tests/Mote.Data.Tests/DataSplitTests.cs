using Mote.Data;

namespace Mote.Data.Tests;

public sealed class DataSplitTests
{
    [Fact]
    public void The_same_seed_gives_the_same_disjoint_covering_split()
    {
        var split = DataSplit.Create(1000, 0.1, 0.2, seed: 42);
        Assert.Equal(100, split.Validation.Length);
        Assert.Equal(200, split.Test.Length);
        Assert.Equal(700, split.Train.Length);
        Assert.Equal(Enumerable.Range(0, 1000), split.Train.Concat(split.Validation).Concat(split.Test).Order());
        var again = DataSplit.Create(1000, 0.1, 0.2, seed: 42);
        Assert.Equal(split.Train, again.Train);
        Assert.Equal(split.Test, again.Test);
        Assert.NotEqual(split.Train, DataSplit.Create(1000, 0.1, 0.2, seed: 43).Train);
    }

    [Fact]
    public void Fractions_beyond_one_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Create(10, 0.6, 0.6, seed: 1));

    [Fact]
    public void The_generator_is_stable_across_platforms()
    {
        // SplitMix64's published first output for seed 0.
        Assert.Equal(0xE220A8397B1DCDAFUL, new SeededRandom(0).NextUInt64());
        var random = new SeededRandom(7);
        Assert.All(Enumerable.Range(0, 1000).Select(_ => random.NextInt32(10)), v => Assert.InRange(v, 0, 9));
    }
}
