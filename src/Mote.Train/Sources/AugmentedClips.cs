using Mote.Data;
using Mote.Data.Audio;

namespace Mote.Train.Sources;

/// <summary>
/// Labelled audio clips whose features are computed afresh for every batch: each clip is augmented on its waveform
/// (<see cref="ClipAugmentation"/>) and then run through the front end, so every epoch sees different shifts, gains
/// and noise. The generator of an item is seeded by (seed, epoch, index) alone, so the result does not depend on the
/// batch order, on threads or on a resume. The raw 16-bit clips stay in memory; the front end runs in parallel over
/// the batch, and its cost is paid every epoch.
/// </summary>
public sealed class AugmentedClips : ISampleSource
{
    private readonly AudioFrontEnd _frontEnd;
    private readonly IReadOnlyList<short[]> _clips;
    private readonly ClipAugmentation _augmentation;
    private readonly ulong _seed;

    public AugmentedClips(AudioFrontEnd frontEnd, IReadOnlyList<short[]> clips, int[] labels, ClipAugmentation augmentation, ulong seed)
    {
        if (labels.Length != clips.Count)
        {
            throw new ArgumentException($"{labels.Length} labels for {clips.Count} clips", nameof(labels));
        }

        _frontEnd = frontEnd;
        _clips = clips;
        _augmentation = augmentation;
        _seed = seed;
        Labels = labels;
        ItemShape = [frontEnd.Frames, frontEnd.MicroSpeech.NumChannels, 1];
        ItemSize = frontEnd.FeatureCount;
    }

    public int[] ItemShape { get; }

    public int ItemSize { get; }

    public int Count => _clips.Count;

    public int[] Labels { get; }

    public int TargetSize => 0;

    public void Read(ReadOnlySpan<int> indices, int epoch, TrainingBatch batch)
    {
        var items = indices.ToArray();
        Parallel.For(0, items.Length, i =>
        {
            var clip = _augmentation.Apply(_clips[items[i]], _frontEnd.SampleRate, new SeededRandom(ItemSeed(epoch, items[i])));
            _frontEnd.FloatFeatures(clip).CopyTo(batch.Inputs.AsSpan(i * ItemSize, ItemSize));
            batch.Labels[i] = Labels[items[i]];
        });
    }

    /// <summary>A seed for one (epoch, item): SplitMix64 scrambles its state, so nearby seeds give unrelated sequences.</summary>
    private ulong ItemSeed(int epoch, int item) =>
        new SeededRandom(_seed ^ ((ulong)epoch << 32) ^ (uint)item).NextUInt64();
}
