namespace Mote.Data.Csv;

/// <summary>
/// Bounds on what <see cref="CsvTimeSeriesReader"/> accepts, so a hostile or mistaken file cannot exhaust memory: the
/// file size is checked before reading, and rows and columns while reading.
/// </summary>
public sealed record CsvLimits(long MaxBytes = 64L << 20, int MaxRows = 4_000_000, int MaxColumns = 1024)
{
    public static CsvLimits Default { get; } = new();
}
