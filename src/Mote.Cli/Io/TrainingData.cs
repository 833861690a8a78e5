using Mote.Data;
using Mote.Data.Audio;
using Mote.Graph;
using Mote.Train;

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

        if (WavFolder.HoldsClasses(folder) || WavFolder.HoldsClasses(Path.Combine(folder, "train")))
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
    public Model Annotate(Model model) => FrontEnd is null
        ? model
        : model with { Metadata = [.. model.Metadata, new MetadataEntry(AudioFrontEnd.MetadataKey, FrontEnd.ToJson())] };

    private static TrainingData LoadIdx(string folder, double validationFraction, ulong seed)
    {
        var all = LabeledImages.LoadMnistFolder(folder, "train");
        var split = DataSplit.Create(all.Count, validationFraction, 0, seed);
        var hasTest = File.Exists(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz")) || File.Exists(Path.Combine(folder, "t10k-labels-idx1-ubyte"));
        return new TrainingData(
            Dataset.FromImages(all.Select(split.Train)),
            split.Validation.Length > 0 ? Dataset.FromImages(all.Select(split.Validation)) : null,
            hasTest ? Dataset.FromImages(LabeledImages.LoadMnistFolder(folder, "t10k")) : null,
            null,
            null);
    }

    private static TrainingData LoadWav(string folder, double validationFraction, ulong seed)
    {
        var frontEndPath = Path.Combine(folder, FrontEndFile);
        var frontEnd = File.Exists(frontEndPath) ? AudioFrontEnd.FromJson(File.ReadAllBytes(frontEndPath), frontEndPath) : new AudioFrontEnd();
        var trainFolder = Path.Combine(folder, "train");
        if (!WavFolder.HoldsClasses(trainFolder))
        {
            var clips = WavFolder.Read(folder, frontEnd.SampleRate);
            var all = Features(clips, frontEnd);
            var split = DataSplit.Create(all.Count, validationFraction, 0, seed);
            return new TrainingData(all.Subset(split.Train), split.Validation.Length > 0 ? all.Subset(split.Validation) : null, null, frontEnd, clips.ClassNames);
        }

        var train = WavFolder.Read(trainFolder, frontEnd.SampleRate);
        Dataset? Optional(string name)
        {
            var path = Path.Combine(folder, name);
            return WavFolder.HoldsClasses(path) ? Features(WavFolder.Read(path, frontEnd.SampleRate, train.ClassNames), frontEnd) : null;
        }

        return new TrainingData(Features(train, frontEnd), Optional("validation"), Optional("test"), frontEnd, train.ClassNames);
    }

    /// <summary>Features as [frames, channels, 1] items, the layout a 2-D convolution over the spectrogram reads.</summary>
    private static Dataset Features(LabeledClips clips, AudioFrontEnd frontEnd) =>
        new(ClipFeatures.Compute(frontEnd, clips.Clips), [frontEnd.Frames, frontEnd.MicroSpeech.NumChannels, 1], clips.Labels);
}
