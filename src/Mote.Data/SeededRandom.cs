namespace Mote.Data;

/// <summary>
/// A small deterministic random generator (SplitMix64). Its whole state is one 64-bit word, so a training run can
/// save it in a checkpoint and resume with exactly the same sequence; the same seed gives the same numbers on every
/// platform and .NET version, unlike <see cref="Random"/>.
/// </summary>
public sealed class SeededRandom
{
    public SeededRandom(ulong seed) => State = seed;

    /// <summary>The generator's state; setting it restores a saved sequence position.</summary>
    public ulong State { get; set; }

    public ulong NextUInt64()
    {
        var z = State += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A float in [0, 1) from the top 24 bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>An integer in [0, maxExclusive), by multiply-shift (bias below 2^-32 for data-set sizes).</summary>
    public int NextInt32(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>A standard normal sample (Box–Muller, one of the pair, so the state stays a single word).</summary>
    public float NextGaussian()
    {
        var u1 = ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));
        var u2 = (NextUInt64() >> 11) * (1.0 / (1UL << 53));
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt32(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
