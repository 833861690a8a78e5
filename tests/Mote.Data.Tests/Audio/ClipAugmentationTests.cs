using Mote.Data.Audio;

namespace Mote.Data.Tests.Audio;

public sealed class ClipAugmentationTests
{
    private static readonly short[] s_clip = [.. Enumerable.Range(0, 1600).Select(i => (short)(8000 * Math.Sin(i * 0.05)))];

    [Fact]
    public void Without_any_change_asked_the_clip_comes_back_as_it_was()
    {
        var none = new ClipAugmentation(0, 0f, 0f, 10f, 20f);

        Assert.Equal(s_clip, none.Apply(s_clip, 16000, new SeededRandom(3)));
    }

    [Fact]
    public void The_same_generator_state_gives_the_same_clip_and_another_gives_another()
    {
        var augmentation = new ClipAugmentation(TimeShiftMs: 10, GainDecibels: 6f, NoiseProbability: 0.5f, MinSnrDecibels: 5f, MaxSnrDecibels: 15f);

        var first = augmentation.Apply(s_clip, 16000, new SeededRandom(11));

        Assert.Equal(first, augmentation.Apply(s_clip, 16000, new SeededRandom(11)));
        Assert.NotEqual(first, augmentation.Apply(s_clip, 16000, new SeededRandom(12)));
        Assert.Equal(s_clip.Length, first.Length);
    }

    [Fact]
    public void A_shift_alone_moves_the_samples_by_at_most_the_asked_time()
    {
        var shiftOnly = new ClipAugmentation(TimeShiftMs: 5, GainDecibels: 0f, NoiseProbability: 0f, MinSnrDecibels: 0f, MaxSnrDecibels: 0f);
        var shifts = new HashSet<int>();
        for (ulong seed = 0; seed < 40; seed++)
        {
            var shifted = shiftOnly.Apply(s_clip, 16000, new SeededRandom(seed));
            var shift = Enumerable.Range(-80, 161).Single(s => shifted.AsSpan(100, 1000).SequenceEqual(s_clip.AsSpan(100 - s, 1000)));
            shifts.Add(shift);
        }

        Assert.InRange(shifts.Min(), -80, 0);
        Assert.InRange(shifts.Max(), 0, 80);
        Assert.True(shifts.Count > 10, $"only {shifts.Count} different shifts in 40 draws");
    }

    [Fact]
    public void Noise_at_a_fixed_ratio_is_mixed_at_that_ratio()
    {
        var noisy = new ClipAugmentation(0, 0f, NoiseProbability: 1f, MinSnrDecibels: 10f, MaxSnrDecibels: 10f);

        var mixed = noisy.Apply(s_clip, 16000, new SeededRandom(2));
        var noise = mixed.Zip(s_clip, (m, c) => (float)(m - c) / PcmConversion.FullScale).ToArray();
        var snr = 20 * Math.Log10(AudioAugmentation.Rms(PcmConversion.ToFloat(s_clip)) / AudioAugmentation.Rms(noise));

        Assert.InRange(snr, 9.9, 10.1);
    }
}
