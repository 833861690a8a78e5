namespace Mote.Data.Audio;

/// <summary>Audio clips with class labels: label i names <c>ClassNames[i]</c>; <c>Paths</c> says where each came from.</summary>
public sealed record LabeledClips(IReadOnlyList<string> ClassNames, short[][] Clips, int[] Labels, string[] Paths)
{
    public int Count => Labels.Length;
}
