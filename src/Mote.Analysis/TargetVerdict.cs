namespace Mote.Analysis;

/// <summary>
/// Whether the model fits a board: peak RAM (arena + persistent state) against the board's RAM, flash (weights + code)
/// against its flash. The over-by fields are 0 when it fits. <see cref="PeakTensors"/> are the buffers alive at the
/// step where the most arena bytes are alive, largest first: the ones to shrink when RAM is short.
/// </summary>
public sealed record TargetVerdict(
    string Board,
    string Name,
    bool Fits,
    long RamBytes,
    long FlashBytes,
    long RamOverBy,
    long FlashOverBy,
    IReadOnlyList<PeakBuffer> PeakTensors,
    double LatencyMs,
    double EnergyMj);

/// <summary>A buffer alive at the peak: a tensor (its index and name) or a scratch buffer (index -1, named after its operator).</summary>
public sealed record PeakBuffer(int Index, string Name, long Bytes);
