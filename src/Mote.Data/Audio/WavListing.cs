namespace Mote.Data.Audio;

/// <summary>The WAV files of a class folder tree and their labels (label i names <c>ClassNames[i]</c>), not yet read.</summary>
public sealed record WavListing(IReadOnlyList<string> ClassNames, string[] Paths, int[] Labels)
{
    public int Count => Labels.Length;

    /// <summary>The files at <paramref name="indices"/>, in that order, with the same classes.</summary>
    public WavListing Select(int[] indices) => new(ClassNames, [.. indices.Select(i => Paths[i])], [.. indices.Select(i => Labels[i])]);
}
