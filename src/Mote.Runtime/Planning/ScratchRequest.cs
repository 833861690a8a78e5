namespace Mote.Runtime.Planning;

/// <summary>Working memory an operator needs only while it runs (step <paramref name="OperatorIndex"/>).</summary>
public sealed record ScratchRequest(int OperatorIndex, long Size);
