namespace Mote.Data.Synthesis;

/// <summary>What <see cref="KeywordSetSynthesizer"/> makes: how many clips, from which seed, how the voices are split.</summary>
public sealed record KeywordSetOptions
{
    /// <summary>One clip per class for each split at least.</summary>
    public const int MinClipsPerClass = 3;

    public const int MaxClipsPerClass = 100_000;

    /// <summary>Clips per class over all three splits (each split gets its share of the voices' share).</summary>
    public int ClipsPerClass { get; init; } = 500;

    public ulong Seed { get; init; } = 1;

    /// <summary>Share of the voices held out for validation.</summary>
    public double ValidationVoices { get; init; } = 0.1;

    /// <summary>Share of the voices held out for the test: no test voice is ever heard in training.</summary>
    public double TestVoices { get; init; } = 0.15;

    public int SampleRate { get; init; } = 16000;

    public int ClipMs { get; init; } = 1000;

    /// <summary>Signal-to-noise ratios (dB) a noisy clip is mixed at, one drawn per clip.</summary>
    public IReadOnlyList<float> SnrDecibels { get; init; } = [10, 15, 20, 30];

    public int ClipSamples => checked(SampleRate * ClipMs / 1000);
}
