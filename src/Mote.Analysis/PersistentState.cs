namespace Mote.Analysis;

/// <summary>RAM Mote keeps besides the arena for the whole life of a model, in bytes for a 32-bit device.</summary>
public sealed record PersistentState(long VariableBytes, long OperatorDataBytes)
{
    public long TotalBytes => VariableBytes + OperatorDataBytes;
}
