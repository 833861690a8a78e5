using Mote.Data;
using Mote.Data.Csv;
using Mote.Data.Simulation;
using Mote.Dsp.Vibration;
using Mote.Train;

namespace Mote.Cli.Io;

/// <summary>
/// A folder of vibration windows as `mote data synth-vibration` writes it (docs/csv-time-series.md): manifest.json
/// with the sample rate, window length and channel names, and FOLDER/{train,validation,test}/*.csv with one window per
/// file and its label in the label column. Windows become <see cref="VibrationFeatureVector"/> features, the same
/// for training (`mote train`) and for scoring (`mote eval --anomaly`).
/// </summary>
public sealed class VibrationCsvFolder
{
    private VibrationCsvFolder(string folder, VibrationManifest manifest)
    {
        Folder = folder;
        Manifest = manifest;
        Features = new VibrationFeatureVector(manifest.SampleRateHz, manifest.WindowSamples, manifest.Channels.Length);
    }

    public string Folder { get; }

    public VibrationManifest Manifest { get; }

    public VibrationFeatureVector Features { get; }

    /// <summary>Whether <paramref name="folder"/> has a vibration manifest.</summary>
    public static bool Holds(string folder) =>
        File.Exists(Path.Combine(folder, VibrationDataSet.ManifestFile)) && Directory.Exists(Path.Combine(folder, "train"));

    public static VibrationCsvFolder Open(string folder)
    {
        var manifest = VibrationDataSet.ReadManifest(folder);
        var manifestPath = Path.Combine(folder, VibrationDataSet.ManifestFile);
        if (manifest.Channels is not { Length: > 0 } || manifest.SampleRateHz < 2000 || manifest.WindowSamples < 256 || !int.IsPow2(manifest.WindowSamples))
        {
            throw new InvalidDataFileException(manifestPath, "needs channels, sample_rate_hz (at least 2000) and window_samples (a power of two, at least 256)");
        }

        return new VibrationCsvFolder(folder, manifest);
    }

    /// <summary>
    /// `mote train`'s view: healthy-only training data (one label) becomes an autoencoder set (each item its own
    /// target) with the validation folder as validation; several labels become a classification set.
    /// </summary>
    public static TrainingData LoadForTraining(string folder, double validationFraction, ulong seed)
    {
        var data = Open(folder);
        var train = data.Load("train");
        var classes = train.Labels.Distinct().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length == 1)
        {
            var validation = Directory.Exists(Path.Combine(folder, "validation")) ? data.Load("validation") : null;
            return new TrainingData(
                Dataset.Autoencoder(train.Features, [data.Features.Length]),
                validation is null ? null : Dataset.Autoencoder(validation.Features, [data.Features.Length]),
                null,
                null,
                classes);
        }

        var all = new Dataset(train.Features, [data.Features.Length], [.. train.Labels.Select(l => Array.IndexOf(classes, l))]);
        var split = DataSplit.Create(all.Count, validationFraction, 0, seed);
        return new TrainingData(all.Subset(split.Train), split.Validation.Length > 0 ? all.Subset(split.Validation) : null, null, null, classes);
    }

    /// <summary>The features and labels of every window in FOLDER/<paramref name="split"/>, files in ordinal name order.</summary>
    public FeatureSet Load(string split)
    {
        var directory = Path.Combine(Folder, split);
        if (!Directory.Exists(directory))
        {
            throw new InvalidDataFileException(directory, "no such folder");
        }

        var files = Directory.GetFiles(directory, "*.csv").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new InvalidDataFileException(directory, "no .csv files");
        }

        var features = new float[files.Length * Features.Length];
        var labels = new string[files.Length];
        ParallelWindows.For(files.Length, i =>
        {
            var series = CsvTimeSeriesReader.Read(files[i], Manifest.LabelColumn ?? CsvTimeSeriesReader.DefaultLabelColumn);
            if (series.Rows != Manifest.WindowSamples)
            {
                throw new InvalidDataFileException(files[i], $"{series.Rows} rows, but the manifest's windows have {Manifest.WindowSamples}");
            }

            labels[i] = series.SingleLabel;
            Features.Compute([.. Manifest.Channels.Select(series.Channel)]).CopyTo(features, i * Features.Length);
        });
        return new FeatureSet([.. files.Select(Path.GetFileName).Select(name => name!)], labels, features);
    }
}

/// <summary>Windows of one split: file names, labels and features (row-major, one row per window).</summary>
public sealed record FeatureSet(string[] Files, string[] Labels, float[] Features);
