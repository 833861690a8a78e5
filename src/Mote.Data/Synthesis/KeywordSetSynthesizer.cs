using Mote.Data.Audio;

namespace Mote.Data.Synthesis;

/// <summary>
/// Synthesizes a keyword-spotting data set with espeak-ng: the <see cref="KeywordVocabulary"/> classes spoken by many
/// voices at random pitches and speeds, each word resampled to 16 kHz, scaled to a random level, placed at a random
/// offset in a 1 s window and mixed with background noise (white, pink, mains hum, or babble of other words from the
/// same split) at one of several SNRs. "silence" clips are background noise alone.
/// <para>
/// The voices are split first (validation and test voices are held out from training), then every clip is planned
/// from one <see cref="SeededRandom"/> before any work starts, and each clip's noise comes from its own seed, so the
/// output is the same for the same options however the parallel work interleaves.
/// </para>
/// <para>
/// Layout: <c>OUT/{train,validation,test}/CLASS/VOICE_NNNNN.wav</c> (16-bit PCM mono) and <c>OUT/manifest.json</c>.
/// Everything is written under <c>OUT.partial</c> and renamed to OUT at the end, so OUT is complete or absent.
/// </para>
/// </summary>
public sealed class KeywordSetSynthesizer(EspeakNg espeak, KeywordSetOptions options)
{
    public static readonly string[] SplitNames = ["train", "validation", "test"];

    private const int BabbleVoices = 3;
    private const float TrimThreshold = 1e-3f;

    private enum Noise
    {
        None,
        White,
        Pink,
        Hum,
        Babble,
    }

    /// <summary>Writes the data set to <paramref name="outputFolder"/>, which must not exist yet.</summary>
    /// <param name="progress">Called from worker threads with (stage, done, total).</param>
    public KeywordSetManifest Write(string outputFolder, Action<string, int, int>? progress = null)
    {
        if (options.ClipsPerClass is < KeywordSetOptions.MinClipsPerClass or > KeywordSetOptions.MaxClipsPerClass)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"clips per class must be between {KeywordSetOptions.MinClipsPerClass} and {KeywordSetOptions.MaxClipsPerClass}");
        }

        var output = Path.GetFullPath(outputFolder);
        var partial = output.TrimEnd(Path.DirectorySeparatorChar) + ".partial";
        if (Directory.Exists(output) || File.Exists(output))
        {
            throw new IOException($"{outputFolder} already exists; choose a new folder or delete it");
        }

        // A .partial folder is what an interrupted run left behind: start it again from nothing.
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        var plan = Plan();
        try
        {
            var speech = SynthesizeUtterances(plan.Utterances, progress);
            ComposeClips(plan, speech, partial, progress);
            var manifest = Manifest(plan);
            File.WriteAllText(Path.Combine(partial, KeywordSetManifest.FileName), manifest.ToJson());
            Directory.Move(partial, output);
            return manifest;
        }
        catch (Exception e)
        {
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }

            // A failure in a parallel worker arrives wrapped; report the worker's own exception.
            if (e is AggregateException { InnerExceptions: [var first, ..] })
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
            }

            throw;
        }
    }

    /// <summary>Voices per split (train, validation, test), shuffled by the seed.</summary>
    public string[][] SplitVoices()
    {
        var voices = KeywordVocabulary.Voices.ToArray();
        new SeededRandom(options.Seed).Shuffle(voices.AsSpan());
        var test = Math.Max(1, (int)Math.Round(voices.Length * options.TestVoices));
        var validation = Math.Max(1, (int)Math.Round(voices.Length * options.ValidationVoices));
        return [voices[(test + validation)..], voices[test..(test + validation)], voices[..test]];
    }

    private SynthesisPlan Plan()
    {
        var voices = SplitVoices();
        var random = new SeededRandom(options.Seed ^ 0x6B77735F706C616EUL);
        var utterances = new List<Utterance>();
        var clips = new List<Clip>();
        var babblePools = new List<int>[SplitNames.Length];
        var total = KeywordVocabulary.Voices.Count;
        for (var split = 0; split < SplitNames.Length; split++)
        {
            babblePools[split] = [];
            var count = split == 0
                ? options.ClipsPerClass - Share(voices[1].Length) - Share(voices[2].Length)
                : Share(voices[split].Length);
            foreach (var className in KeywordVocabulary.Classes)
            {
                for (var i = 0; i < count; i++)
                {
                    var voice = voices[split][random.NextInt32(voices[split].Length)];
                    var utterance = -1;
                    if (className != KeywordVocabulary.Silence)
                    {
                        var word = className == KeywordVocabulary.Unknown
                            ? KeywordVocabulary.OtherWords[random.NextInt32(KeywordVocabulary.OtherWords.Length)]
                            : className;
                        utterance = utterances.Count;
                        utterances.Add(new Utterance(voice, word, Pitch: 20 + random.NextInt32(61), WordsPerMinute: 130 + random.NextInt32(81)));
                        if (className == KeywordVocabulary.Unknown)
                        {
                            babblePools[split].Add(utterance);
                        }
                    }

                    var noise = (Noise)random.NextInt32(5);
                    clips.Add(new Clip(
                        split,
                        className,
                        $"{voice}_{i:D5}.wav",
                        utterance,
                        Offset: random.NextSingle(),
                        LevelDecibels: -20 + (19 * random.NextSingle()),
                        noise,
                        options.SnrDecibels[random.NextInt32(options.SnrDecibels.Count)],
                        NoiseSeed: random.NextUInt64()));
                }
            }
        }

        return new SynthesisPlan(voices, utterances, clips, babblePools);

        int Share(int voiceCount) => Math.Max(1, (int)Math.Round(options.ClipsPerClass * (double)voiceCount / total));
    }

    private float[][] SynthesizeUtterances(IReadOnlyList<Utterance> utterances, Action<string, int, int>? progress)
    {
        var speech = new float[utterances.Count][];
        var done = 0;
        progress?.Invoke("synthesizing words", 0, utterances.Count);

        // Each utterance is a process that mostly waits on its own start-up, so run a few more than the cores.
        Parallel.For(0, utterances.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount * 2 }, i =>
        {
            var u = utterances[i];
            var raw = espeak.Speak(u.Voice, u.Pitch, u.WordsPerMinute, u.Word);
            speech[i] = Trim(Resampler.Resample(raw, EspeakNg.SampleRate, options.SampleRate));
            progress?.Invoke("synthesizing words", Interlocked.Increment(ref done), utterances.Count);
        });
        return speech;
    }

    private void ComposeClips(SynthesisPlan plan, float[][] speech, string folder, Action<string, int, int>? progress)
    {
        foreach (var split in SplitNames)
        {
            foreach (var className in KeywordVocabulary.Classes)
            {
                Directory.CreateDirectory(Path.Combine(folder, split, className));
            }
        }

        var done = 0;
        progress?.Invoke("mixing clips", 0, plan.Clips.Count);
        Parallel.For(0, plan.Clips.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var clip = plan.Clips[i];
            var samples = Compose(clip, speech, plan.BabblePools[clip.Split]);
            var path = Path.Combine(folder, SplitNames[clip.Split], clip.ClassName, clip.FileName);
            WavFile.Write(path, new PcmAudio(options.SampleRate, PcmConversion.ToPcm(samples)));
            progress?.Invoke("mixing clips", Interlocked.Increment(ref done), plan.Clips.Count);
        });
    }

    private float[] Compose(Clip clip, float[][] speech, List<int> babblePool)
    {
        var random = new SeededRandom(clip.NoiseSeed);
        var length = options.ClipSamples;
        if (clip.Utterance < 0)
        {
            // Silence: background alone at a level from barely there to clearly audible.
            var kind = clip.Noise is Noise.None or Noise.Babble ? Noise.White : clip.Noise;
            var background = Background(kind, length, random, babblePool, speech);
            return AudioAugmentation.Gain(background, -45 + (25 * random.NextSingle()) - Decibels(AudioAugmentation.Rms(background)));
        }

        var word = speech[clip.Utterance];
        var peak = 0f;
        foreach (var s in word)
        {
            peak = Math.Max(peak, Math.Abs(s));
        }

        var scaled = AudioAugmentation.Gain(word, clip.LevelDecibels - Decibels(peak));
        var slack = length - scaled.Length;
        var offset = (int)(clip.Offset * Math.Abs(slack)) * Math.Sign(slack);
        var placed = AudioAugmentation.Place(scaled, length, offset);
        if (clip.Noise == Noise.None)
        {
            return placed;
        }

        // The SNR is measured against the word itself, not the silence around it.
        var noise = Background(clip.Noise, length, random, babblePool, speech);
        var noiseRms = AudioAugmentation.Rms(noise);
        if (noiseRms > 0)
        {
            var scale = AudioAugmentation.Rms(scaled) / (noiseRms * AudioAugmentation.DecibelsToAmplitude(clip.SnrDecibels));
            AudioAugmentation.AddScaled(placed, noise, scale);
        }

        return placed;
    }

    private float[] Background(Noise kind, int length, SeededRandom random, List<int> babblePool, float[][] speech)
    {
        switch (kind)
        {
            case Noise.Pink:
                return NoiseGenerator.Pink(length, random);
            case Noise.Hum:
                return NoiseGenerator.Hum(length, options.SampleRate, random.NextInt32(2) == 0 ? 50 : 60, random);
            case Noise.Babble:
                var babble = new float[length];
                for (var i = 0; i < BabbleVoices && babblePool.Count > 0; i++)
                {
                    var other = speech[babblePool[random.NextInt32(babblePool.Count)]];
                    var placed = AudioAugmentation.Place(other, length, random.NextInt32(length) - (other.Length / 2));
                    AudioAugmentation.AddScaled(babble, placed, 1f);
                }

                return babble;
            default:
                return NoiseGenerator.White(length, random);
        }
    }

    private KeywordSetManifest Manifest(SynthesisPlan plan)
    {
        var splits = new Dictionary<string, KeywordSplitManifest>();
        for (var split = 0; split < SplitNames.Length; split++)
        {
            var counts = KeywordVocabulary.Classes.ToDictionary(c => c, c => plan.Clips.Count(clip => clip.Split == split && clip.ClassName == c));
            splits[SplitNames[split]] = new KeywordSplitManifest([.. plan.Voices[split].Order(StringComparer.Ordinal)], counts);
        }

        return new KeywordSetManifest(options.Seed, options.ClipsPerClass, options.SampleRate, options.ClipMs, espeak.Version(), KeywordVocabulary.Classes, options.SnrDecibels, splits);
    }

    /// <summary>The word without espeak-ng's leading and trailing silence.</summary>
    private static float[] Trim(float[] samples)
    {
        var first = 0;
        while (first < samples.Length && Math.Abs(samples[first]) < TrimThreshold)
        {
            first++;
        }

        var last = samples.Length - 1;
        while (last > first && Math.Abs(samples[last]) < TrimThreshold)
        {
            last--;
        }

        return samples[first..(last + 1)];
    }

    private static float Decibels(float amplitude) => amplitude > 0 ? 20 * MathF.Log10(amplitude) : 0;

    private sealed record Utterance(string Voice, string Word, int Pitch, int WordsPerMinute);

    private sealed record Clip(int Split, string ClassName, string FileName, int Utterance, float Offset, float LevelDecibels, Noise Noise, float SnrDecibels, ulong NoiseSeed);

    private sealed record SynthesisPlan(string[][] Voices, List<Utterance> Utterances, List<Clip> Clips, List<int>[] BabblePools);
}
