using Mote.Data;
using Mote.Data.Audio;
using Mote.Data.Idx;
using Mote.Train;
using Mote.Train.Sources;

namespace Mote.Cli.Io;

/// <summary>
/// <see cref="TrainingData"/> kept on disk, for data larger than the memory budget: the items (IDX pixels scaled to
/// [0, 1], or WAV clips through the front end) are computed a block at a time and written to one feature file per
/// data file or split folder, which the trainer then reads item by item in its shuffled order. The items, their order
/// and the train/validation split are those of the in-memory path, so the trained weights are the same bit for bit.
/// Vibration CSV windows are always loaded into memory.
/// </summary>
internal static class StreamedData
{
    /// <summary>Items computed and written at a time: bounds the memory used while building a feature file.</summary>
    private const int BlockItems = 256;

    public static long IdxPixelBytes(string folder) =>
        StreamedImages.OpenMnistFolder(folder, "train").PixelBytes + (TrainingData.HasIdxTest(folder) ? StreamedImages.OpenMnistFolder(folder, "t10k").PixelBytes : 0);

    public static long WavFeatureBytes(string folder, AudioFrontEnd frontEnd)
    {
        var trainFolder = Path.Combine(folder, "train");
        var clips = WavFolder.HoldsClasses(trainFolder)
            ? new[] { "train", "validation", "test" }.Select(name => Path.Combine(folder, name)).Where(WavFolder.HoldsClasses).Sum(f => (long)WavFolder.List(f).Count)
            : WavFolder.List(folder).Count;
        return clips * frontEnd.FeatureCount * sizeof(float);
    }

    public static TrainingSources OpenIdx(string folder, double validationFraction, ulong seed, string cacheFolder, long bytes, long budget)
    {
        var files = new List<IDisposable>();
        try
        {
            var images = StreamedImages.OpenMnistFolder(folder, "train");
            int[] shape = [images.Height, images.Width, 1];
            var trainFile = Cache(files, FeatureFile.Create(Path.Combine(cacheFolder, "features-train.f32"), images.Height * images.Width, images.PixelBlocks(BlockItems)));
            var split = DataSplit.Create(images.Count, validationFraction, 0, seed);
            StreamedDataset? test = null;
            if (TrainingData.HasIdxTest(folder))
            {
                var testImages = StreamedImages.OpenMnistFolder(folder, "t10k");
                var testFile = Cache(files, FeatureFile.Create(Path.Combine(cacheFolder, "features-t10k.f32"), testImages.Height * testImages.Width, testImages.PixelBlocks(BlockItems)));
                test = new StreamedDataset(testFile, [testImages.Height, testImages.Width, 1], testImages.Labels, All(testImages.Count));
            }

            return new TrainingSources(
                new StreamedDataset(trainFile, shape, images.Labels, split.Train),
                split.Validation.Length > 0 ? new StreamedDataset(trainFile, shape, images.Labels, split.Validation) : null,
                test,
                null,
                Storage(bytes, budget, cacheFolder),
                files);
        }
        catch
        {
            files.ForEach(f => f.Dispose());
            throw;
        }
    }

    public static TrainingSources OpenWav(string folder, AudioFrontEnd frontEnd, double validationFraction, ulong seed, string cacheFolder, long bytes, long budget)
    {
        var files = new List<IDisposable>();
        try
        {
            int[] shape = [frontEnd.Frames, frontEnd.MicroSpeech.NumChannels, 1];
            StreamedDataset Features(WavListing listing, string name) =>
                new(Cache(files, FeatureFile.Create(Path.Combine(cacheFolder, $"features-{name}.f32"), frontEnd.FeatureCount, FeatureBlocks(listing, frontEnd))), shape, listing.Labels, All(listing.Count));

            var splits = WavSplits.List(folder, validationFraction, seed);
            return new TrainingSources(
                Features(splits.Train, "train"),
                splits.Validation is { } validation ? Features(validation, "validation") : null,
                splits.Test is { } test ? Features(test, "test") : null,
                frontEnd,
                Storage(bytes, budget, cacheFolder),
                files);
        }
        catch
        {
            files.ForEach(f => f.Dispose());
            throw;
        }
    }

    /// <summary>The clips' features, read and computed <see cref="BlockItems"/> clips at a time.</summary>
    private static IEnumerable<float[]> FeatureBlocks(WavListing listing, AudioFrontEnd frontEnd)
    {
        for (var start = 0; start < listing.Count; start += BlockItems)
        {
            var clips = listing.Paths.Skip(start).Take(BlockItems).Select(p => WavFile.Read(p, frontEnd.SampleRate).Samples).ToArray();
            yield return ClipFeatures.Compute(frontEnd, clips);
        }
    }

    private static FeatureFile Cache(List<IDisposable> files, FeatureFile file)
    {
        files.Add(file);
        return file;
    }

    private static int[] All(int count) => [.. Enumerable.Range(0, count)];

    private static string Storage(long bytes, long budget, string cacheFolder) =>
        $"streamed from disk ({TrainingData.Megabytes(bytes)} of items exceed the memory budget of {TrainingData.Megabytes(budget)}; feature files in {cacheFolder}, deleted at the end)";
}
