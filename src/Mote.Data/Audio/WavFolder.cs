namespace Mote.Data.Audio;

/// <summary>
/// A folder of labelled WAV clips: one subfolder per class (the folder name is the label), each holding <c>*.wav</c>
/// files of 16-bit PCM mono at the front end's sample rate. A file in another format is refused by
/// <see cref="WavFile"/> with a message saying what it has and what is needed. Clips keep their length here; the
/// front end pads a short clip with silence at the end and cuts a long one (<see cref="AudioFrontEnd"/>).
/// </summary>
public static class WavFolder
{
    /// <summary>At most this many files are read from one folder, so a wrong path cannot exhaust memory.</summary>
    public const int MaxFiles = 2_000_000;

    /// <summary>Whether some immediate subfolder of <paramref name="folder"/> holds .wav files.</summary>
    public static bool HoldsClasses(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateDirectories(folder).Any(d => WavFiles(d).Any());

    /// <summary>
    /// Reads every class folder. Classes are the subfolders holding .wav files, in ordinal order, unless
    /// <paramref name="classNames"/> fixes them (as a test split must use the training split's labels); then a
    /// subfolder with another name is refused.
    /// </summary>
    public static LabeledClips Read(string folder, int sampleRate, IReadOnlyList<string>? classNames = null) =>
        Read(List(folder, classNames), sampleRate);

    /// <summary>Reads the clips of a listing, in its order.</summary>
    public static LabeledClips Read(WavListing listing, int sampleRate)
    {
        // One file after the other, so a bad file is always reported the same way and the first one is named.
        var clips = listing.Paths.Select(p => WavFile.Read(p, sampleRate).Samples).ToArray();
        return new LabeledClips(listing.ClassNames, clips, listing.Labels, listing.Paths);
    }

    /// <summary>The clips <see cref="Read"/> would read, in its order, with their labels, without reading them.</summary>
    public static WavListing List(string folder, IReadOnlyList<string>? classNames = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidDataFileException(folder, "no such folder");
        }

        var folders = Directory.EnumerateDirectories(folder)
            .Where(d => WavFiles(d).Any())
            .Order(StringComparer.Ordinal)
            .ToList();
        if (folders.Count == 0)
        {
            throw new InvalidDataFileException(folder, "holds no class folders with .wav files (expected FOLDER/CLASS/*.wav)");
        }

        var names = classNames ?? [.. folders.Select(Path.GetFileName).Select(n => n!)];
        var paths = new List<string>();
        var labels = new List<int>();
        foreach (var classFolder in folders)
        {
            var name = Path.GetFileName(classFolder);
            var label = IndexOf(names, name);
            if (label < 0)
            {
                throw new InvalidDataFileException(classFolder, $"class '{name}' is not one of the training classes ({string.Join(", ", names)})");
            }

            foreach (var file in WavFiles(classFolder).Order(StringComparer.Ordinal))
            {
                if (paths.Count == MaxFiles)
                {
                    throw new InvalidDataFileException(folder, $"holds more than {MaxFiles} .wav files");
                }

                paths.Add(file);
                labels.Add(label);
            }
        }

        return new WavListing(names, [.. paths], [.. labels]);
    }

    private static IEnumerable<string> WavFiles(string folder) =>
        Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".wav", StringComparison.OrdinalIgnoreCase));

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
