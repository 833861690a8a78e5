namespace Mote.Data.Audio;

/// <summary>The WAV files of a class folder tree and their labels (label i names <c>ClassNames[i]</c>), not yet read.</summary>
public sealed record WavListing(IReadOnlyList<string> ClassNames, string[] Paths, int[] Labels)
{
    public int Count => Labels.Length;
}
