namespace Mote.Data.Audio;

/// <summary>
/// The random changes a training clip gets each epoch, on the waveform before the front end: a time shift of up to
/// <see cref="TimeShiftMs"/> either way, a gain of up to <see cref="GainDecibels"/> either way and, with probability
/// <see cref="NoiseProbability"/>, white noise mixed in at a signal-to-noise ratio between <see cref="MinSnrDecibels"/>
/// and <see cref="MaxSnrDecibels"/>. All randomness comes from the generator passed in.
/// </summary>
public sealed record ClipAugmentation(int TimeShiftMs, float GainDecibels, float NoiseProbability, float MinSnrDecibels, float MaxSnrDecibels)
{
    /// <summary>The augmented clip, as 16-bit samples (saturated) ready for the integer front end.</summary>
    public short[] Apply(ReadOnlySpan<short> clip, int sampleRate, SeededRandom random)
    {
        // Draw in a fixed order whatever the settings, so that turning one on does not change the others' draws.
        var maxShift = (int)((long)TimeShiftMs * sampleRate / 1000);
        var shift = random.NextInt32((2 * maxShift) + 1) - maxShift;
        var gain = ((2 * random.NextSingle()) - 1) * GainDecibels;
        var noisy = random.NextSingle() < NoiseProbability;
        var snr = MinSnrDecibels + ((MaxSnrDecibels - MinSnrDecibels) * random.NextSingle());

        var samples = AudioAugmentation.Gain(AudioAugmentation.TimeShift(PcmConversion.ToFloat(clip), shift), gain);
        if (noisy)
        {
            samples = AudioAugmentation.MixNoise(samples, NoiseGenerator.White(samples.Length, random), snr);
        }

        return PcmConversion.ToPcm(samples);
    }
}
