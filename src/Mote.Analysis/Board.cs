namespace Mote.Analysis;

/// <summary>
/// A target board: the memory a model may use and the figures the latency and energy estimates need.
/// <see cref="ActivePowerMilliwatts"/> is the chip's run-mode power at <see cref="ClockMhz"/> with the CPU busy and
/// radios off, from the datasheet figure named in <see cref="Source"/>; it is an estimate, not a measurement.
/// </summary>
public sealed record Board(
    string Id,
    string Name,
    string Chip,
    CoreClass Core,
    int ClockMhz,
    long RamBytes,
    long FlashBytes,
    double ActivePowerMilliwatts,
    string Source);
