using Mote.Data;
using Mote.Data.Audio;
using Mote.Graph;
using Mote.Train;
using Mote.Train.Sources;

namespace Mote.Cli.Io;

/// <summary>
/// The data `mote train --data FOLDER` names, in whichever form the folder holds it:
/// <list type="bullet">
/// <item>MNIST-style IDX files (train-*, optional t10k-* for a test score);</item>
/// <item>WAV clips, FOLDER/CLASS/*.wav, or already split as FOLDER/{train,validation,test}/CLASS/*.wav (as
/// `mote data synth-kws` writes them). Clips become features through a front end: FOLDER/front_end.json if present
/// (the JSON of <see cref="AudioFrontEnd"/>), else the default micro_speech front end; it is stored in the exported
/// model so that `mote run MODEL --wav` computes the same features.</item>
/// <item>vibration CSV windows with a manifest.json, as `mote data synth-vibration` writes them (<see cref="VibrationCsvFolder"/>).</item>
/// </list>
/// Without a validation split of its own, <paramref name="validationFraction"/> of the training items is held out.
/// </summary>
/// <param name="ClassNames">Label i's name, where the data names its classes (WAV class folders).</param>
public sealed record TrainingData(Dataset Train, Dataset? Validation, Dataset? Test, AudioFrontEnd? FrontEnd, IReadOnlyList<string>? ClassNames)
{
    public const string FrontEndFile = "front_end.json";

    public static TrainingData Load(string folder, double validationFraction, ulong seed)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidDataFileException(folder, "no such data folder");
        }

        if (HoldsWav(folder))
        {
            return LoadWav(folder, validationFraction, seed);
        }

        if (VibrationCsvFolder.Holds(folder))
        {
            return VibrationCsvFolder.LoadForTraining(folder, validationFraction, seed);
        }

        return LoadIdx(folder, validationFraction, seed);
    }

    /// <summary>The exported model, carrying the front end (if any) in its metadata.</summary>
    public Model Annotate(Model model) => Annotate(model, FrontEnd);

    internal static Model Annotate(Model model, AudioFrontEnd? frontEnd) => frontEnd is null
        ? model
        : model with { Metadata = [.. model.Metadata, new MetadataEntry(AudioFrontEnd.MetadataKey, frontEnd.ToJson())] };

    /// <summary>
    /// The data for training, as <see cref="Load"/> reads it, but kept on disk when it would take more than
    /// <paramref name="memoryBudget"/> bytes in memory: IDX images and WAV features are then written to feature files in
    /// <paramref name="cacheFolder"/> and read batch by batch (<see cref="StreamedData"/>). With
    /// <paramref name="audioAugmentation"/> (WAV data only) the training clips get their features afresh every epoch,
    /// from raw clips in memory or, over the budget, read from their files as each batch needs them.
    /// </summary>
    public static TrainingSources Open(string folder, double validationFraction, ulong seed, long memoryBudget, string cacheFolder, ClipAugmentation? audioAugmentation)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidDataFileException(folder, "no such data folder");
        }

        var wav = HoldsWav(folder);
        if (audioAugmentation is not null)
        {
            return wav ? LoadAugmentedWav(folder, validationFraction, seed, audioAugmentation, memoryBudget)
                : throw new InvalidDataFileException(folder, "the spec's audio augmentation (time_shift_ms, gain_db, noise) needs WAV clips as data");
        }

        var frontEnd = wav ? LoadFrontEnd(folder) : null;
        var bytes = frontEnd is not null ? StreamedData.WavFeatureBytes(folder, frontEnd)
            : VibrationCsvFolder.Holds(folder) ? 0 : StreamedData.IdxPixelBytes(folder);
        if (bytes > memoryBudget)
        {
            return frontEnd is not null ? StreamedData.OpenWav(folder, frontEnd, validationFraction, seed, cacheFolder, bytes, memoryBudget)
                : StreamedData.OpenIdx(folder, validationFraction, seed, cacheFolder, bytes, memoryBudget);
        }

        var data = Load(folder, validationFraction, seed);
        var held = new[] { data.Train, data.Validation, data.Test }.Sum(d => d is null ? 0L : d.Inputs.Length * (long)sizeof(float));
        return new TrainingSources(data.Train, data.Validation, data.Test, data.FrontEnd, $"in memory ({Megabytes(held)})", []);
    }

    /// <summary>Whether the folder holds WAV class folders, at its top or under train/.</summary>
    private static bool HoldsWav(string folder) => WavFolder.HoldsClasses(folder) || WavFolder.HoldsClasses(Path.Combine(folder, "train"));

    internal static bool HasIdxTest(string folder) =>
        File.Exists(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz")) || File.Exists(Path.Combine(folder, "t10k-labels-idx1-ubyte"));

    internal static string Megabytes(long bytes) => $"{bytes / 1048576.0:F1} MB";

    internal static AudioFrontEnd LoadFrontEnd(string folder)
    {
        var frontEndPath = Path.Combine(folder, FrontEndFile);
        return File.Exists(frontEndPath) ? AudioFrontEnd.FromJson(File.ReadAllBytes(frontEndPath), frontEndPath) : new AudioFrontEnd();
    }

    /// <summary>WAV data with the training clips augmented every epoch; validation and test features in memory.</summary>
    private static TrainingSources LoadAugmentedWav(string folder, double validationFraction, ulong seed, ClipAugmentation augmentation, long memoryBudget)
    {
        var frontEnd = LoadFrontEnd(folder);
        var splits = WavSplits.List(folder, validationFraction, seed);
        var bytes = ClipFiles.Bytes(splits.Train);
        var streamed = bytes > memoryBudget;
        IReadOnlyList<short[]> clips = streamed ? new ClipFiles(splits.Train, frontEnd.SampleRate) : WavFolder.Read(splits.Train, frontEnd.SampleRate).Clips;
        var storage = streamed
            ? $"training clips read from their WAV files every epoch ({Megabytes(bytes)} over the {Megabytes(memoryBudget)} budget) and augmented before the front end"
            : "in memory; training clips kept as raw audio and augmented before the front end every epoch";
        return new TrainingSources(
            new AugmentedClips(frontEnd, clips, splits.Train.Labels, augmentation, seed),
            OptionalFeatures(splits.Validation, frontEnd),
            OptionalFeatures(splits.Test, frontEnd),
            frontEnd,
            storage,
            []);
    }

    private static TrainingData LoadIdx(string folder, double validationFraction, ulong seed)
    {
        var all = LabeledImages.LoadMnistFolder(folder, "train");
        var split = DataSplit.Create(all.Count, validationFraction, 0, seed);
        return new TrainingData(
            Dataset.FromImages(all.Select(split.Train)),
            split.Validation.Length > 0 ? Dataset.FromImages(all.Select(split.Validation)) : null,
            HasIdxTest(folder) ? Dataset.FromImages(LabeledImages.LoadMnistFolder(folder, "t10k")) : null,
            null,
            null);
    }

    private static TrainingData LoadWav(string folder, double validationFraction, ulong seed)
    {
        var frontEnd = LoadFrontEnd(folder);
        var splits = WavSplits.List(folder, validationFraction, seed);
        return new TrainingData(
            Features(WavFolder.Read(splits.Train, frontEnd.SampleRate), frontEnd),
            OptionalFeatures(splits.Validation, frontEnd),
            OptionalFeatures(splits.Test, frontEnd),
            frontEnd,
            splits.Train.ClassNames);
    }

    private static Dataset? OptionalFeatures(WavListing? listing, AudioFrontEnd frontEnd) =>
        listing is null ? null : Features(WavFolder.Read(listing, frontEnd.SampleRate), frontEnd);

    /// <summary>Features as [frames, channels, 1] items, the layout a 2-D convolution over the spectrogram reads.</summary>
    internal static Dataset Features(LabeledClips clips, AudioFrontEnd frontEnd) =>
        new(ClipFeatures.Compute(frontEnd, clips.Clips), [frontEnd.Frames, frontEnd.MicroSpeech.NumChannels, 1], clips.Labels);
}
