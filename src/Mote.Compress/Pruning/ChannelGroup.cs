namespace Mote.Compress.Pruning;

/// <summary>
/// Layers whose output channels must be pruned together: one producer, or several joined by a residual Add (their
/// sum needs one channel set). <see cref="Kept"/> is null where the group keeps every channel (it feeds the network
/// output, a softmax or a layer that mixes channels in a way pruning cannot follow).
/// </summary>
public sealed record ChannelGroup(IReadOnlyList<string> Layers, int Channels, int[]? Kept)
{
    public int KeptChannels => Kept?.Length ?? Channels;
}
