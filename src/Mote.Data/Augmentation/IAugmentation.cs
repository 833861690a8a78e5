namespace Mote.Data.Augmentation;

/// <summary>
/// A random change to one training item that keeps its label. It draws only from the generator it is given (the
/// trainer's, which checkpoints save), so a resumed run repeats the same augmented items bit for bit.
/// </summary>
public interface IAugmentation
{
    /// <summary>Changes <paramref name="item"/> (laid out as <paramref name="itemShape"/>) in place.</summary>
    void Apply(Span<float> item, ReadOnlySpan<int> itemShape, SeededRandom random);
}
