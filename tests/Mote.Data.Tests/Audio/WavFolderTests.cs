using Mote.Data.Audio;

namespace Mote.Data.Tests.Audio;

public sealed class WavFolderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"mote-wavfolder-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Labels_are_folder_names_in_ordinal_order()
    {
        Write("yes/b.wav", [3, 4]);
        Write("yes/a.wav", [1, 2]);
        Write("no/c.wav", [5]);
        Directory.CreateDirectory(Path.Combine(_folder, "empty"));
        File.WriteAllText(Path.Combine(_folder, "yes", "notes.txt"), "not audio");

        var clips = WavFolder.Read(_folder, 16000);

        Assert.Equal(["no", "yes"], clips.ClassNames);
        Assert.Equal([0, 1, 1], clips.Labels);
        Assert.Equal(new short[] { 1, 2 }, clips.Clips[1]);
        Assert.EndsWith("a.wav", clips.Paths[1]);
        Assert.True(WavFolder.HoldsClasses(_folder));

        var listing = WavFolder.List(_folder);
        Assert.Equal(clips.ClassNames, listing.ClassNames);
        Assert.Equal(clips.Paths, listing.Paths);
        Assert.Equal(clips.Labels, listing.Labels);
    }

    [Fact]
    public void A_split_must_use_the_training_classes()
    {
        Write("maybe/a.wav", [1]);

        var error = Assert.Throws<InvalidDataFileException>(() => WavFolder.Read(_folder, 16000, ["no", "yes"]));

        Assert.Contains("class 'maybe' is not one of the training classes (no, yes)", error.Message);
    }

    [Fact]
    public void A_file_at_another_rate_is_refused_naming_the_file()
    {
        Write("yes/a.wav", [1, 2], rate: 8000);

        var error = Assert.Throws<InvalidDataFileException>(() => WavFolder.Read(_folder, 16000));

        Assert.EndsWith(Path.Combine("yes", "a.wav"), error.Path);
        Assert.Contains("8000 Hz; needs PCM, 16-bit, 1 channel (mono), 16000 Hz", error.Message);
    }

    [Fact]
    public void A_folder_without_class_folders_is_refused()
    {
        Directory.CreateDirectory(_folder);

        var error = Assert.Throws<InvalidDataFileException>(() => WavFolder.Read(_folder, 16000));

        Assert.Contains("expected FOLDER/CLASS/*.wav", error.Message);
        Assert.False(WavFolder.HoldsClasses(_folder));
    }

    [Fact]
    public void Features_of_a_short_clip_are_those_of_the_clip_padded_with_silence()
    {
        var frontEnd = new AudioFrontEnd();
        var random = new SeededRandom(5);
        var shortClip = Enumerable.Range(0, 4000).Select(_ => (short)(random.NextGaussian() * 3000)).ToArray();
        var padded = new short[frontEnd.ClipSamples];
        shortClip.CopyTo(padded, 0);

        var features = ClipFeatures.Compute(frontEnd, [shortClip, padded]);

        Assert.Equal(2 * frontEnd.FeatureCount, features.Length);
        Assert.Equal(features[..frontEnd.FeatureCount], features[frontEnd.FeatureCount..]);
        Assert.All(features, f => Assert.True(float.IsFinite(f)));
    }

    [Fact]
    public void A_front_end_survives_its_json_form()
    {
        var frontEnd = new AudioFrontEnd { ClipMs = 750, MicroSpeech = new Mote.Dsp.MicroSpeechFrontEnd { NumChannels = 20 } };

        var read = AudioFrontEnd.FromJson(frontEnd.ToJson(), "test");

        Assert.Equal(frontEnd, read);
    }

    private void Write(string relative, short[] samples, int rate = 16000)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WavFile.Write(path, new PcmAudio(rate, samples));
    }
}
