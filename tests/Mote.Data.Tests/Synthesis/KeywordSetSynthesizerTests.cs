using System.Text.Json;
using Mote.Data.Audio;
using Mote.Data.Synthesis;

namespace Mote.Data.Tests.Synthesis;

public sealed class KeywordSetSynthesizerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"mote-kws-{Guid.NewGuid():N}");

    public void Dispose()
    {
        foreach (var folder in new[] { _folder, _folder + "-again" })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Voices_are_split_without_overlap_and_the_split_depends_only_on_the_seed()
    {
        var voices = new KeywordSetSynthesizer(null!, new KeywordSetOptions { Seed = 4 }).SplitVoices();

        Assert.Equal(KeywordVocabulary.Voices.Count, voices.Sum(v => v.Length));
        Assert.Equal(KeywordVocabulary.Voices.Count, voices.SelectMany(v => v).Distinct().Count());
        Assert.Equal(Math.Round(KeywordVocabulary.Voices.Count * 0.15), voices[2].Length);
        Assert.Equal(voices, new KeywordSetSynthesizer(null!, new KeywordSetOptions { Seed = 4 }).SplitVoices());
        Assert.NotEqual(voices[2], new KeywordSetSynthesizer(null!, new KeywordSetOptions { Seed = 5 }).SplitVoices()[2]);
    }

    [EspeakFact]
    public void The_set_is_complete_held_out_by_voice_and_the_same_for_the_same_seed()
    {
        var espeak = EspeakNg.Find()!;
        var options = new KeywordSetOptions { ClipsPerClass = 3, Seed = 11 };

        var manifest = new KeywordSetSynthesizer(espeak, options).Write(_folder);
        new KeywordSetSynthesizer(espeak, options).Write(_folder + "-again");

        Assert.False(Directory.Exists(_folder + ".partial"));
        var files = Directory.GetFiles(_folder, "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(12 * 3, files.Count);
        foreach (var file in files)
        {
            var again = Path.Combine(_folder + "-again", Path.GetRelativePath(_folder, file));
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(again));
            Assert.Equal(16000, WavFile.Read(file, 16000).Samples.Length);
        }

        // Speech is audible and nothing clips; silence is quieter than any word.
        var words = WavFolder.Read(Path.Combine(_folder, "train"), 16000);
        foreach (var (clip, label) in words.Clips.Zip(words.Labels))
        {
            var peak = clip.Max(s => Math.Abs((int)s));
            Assert.InRange(peak, 1, 32767);
            if (words.ClassNames[label] != KeywordVocabulary.Silence)
            {
                Assert.True(peak > 2000, $"a word peaks at only {peak}");
            }
        }

        // Each split's clips come from its own voices only.
        foreach (var split in KeywordSetSynthesizer.SplitNames)
        {
            var voices = manifest.Splits[split].Voices.ToHashSet();
            foreach (var file in Directory.GetFiles(Path.Combine(_folder, split), "*.wav", SearchOption.AllDirectories))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                Assert.Contains(name[..name.LastIndexOf('_')], voices);
            }
        }

        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, KeywordSetManifest.FileName))).RootElement;
        Assert.Equal(11UL, json.GetProperty("seed").GetUInt64());
        Assert.Equal(1, json.GetProperty("splits").GetProperty("train").GetProperty("counts").GetProperty("yes").GetInt32());
        Assert.Equal(12 * 3, manifest.Splits.Values.Sum(s => s.Total));
        Assert.Empty(manifest.Splits["train"].Voices.Intersect(manifest.Splits["test"].Voices));
    }

    [Fact]
    public void An_existing_output_folder_is_never_overwritten()
    {
        Directory.CreateDirectory(_folder);

        Assert.Throws<IOException>(() => new KeywordSetSynthesizer(null!, new KeywordSetOptions()).Write(_folder));
    }
}
