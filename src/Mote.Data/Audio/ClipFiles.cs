namespace Mote.Data.Audio;

/// <summary>
/// The clips of a <see cref="WavListing"/> read from their files whenever one is asked for, so that memory holds only
/// the clips in use. Every file is read and checked once when this is created, so a bad file is reported before any
/// work depends on it. Reads are independent file opens, safe from parallel callers.
/// </summary>
public sealed class ClipFiles : IReadOnlyList<short[]>
{
    private readonly string[] _paths;
    private readonly int _sampleRate;

    public ClipFiles(WavListing listing, int sampleRate)
    {
        _paths = listing.Paths;
        _sampleRate = sampleRate;
        foreach (var path in _paths)
        {
            _ = WavFile.Read(path, sampleRate);
        }
    }

    public int Count => _paths.Length;

    public short[] this[int index] => WavFile.Read(_paths[index], _sampleRate).Samples;

    public IEnumerator<short[]> GetEnumerator() => Enumerable.Range(0, Count).Select(i => this[i]).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>What the listing's files take on disk: about what their clips would take in memory as 16-bit samples.</summary>
    public static long Bytes(WavListing listing) => listing.Paths.Sum(p => new FileInfo(p).Length);
}
