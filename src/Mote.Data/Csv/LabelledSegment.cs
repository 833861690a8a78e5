namespace Mote.Data.Csv;

/// <summary>A run of consecutive rows of a <see cref="CsvTimeSeries"/> that share one label.</summary>
public readonly record struct LabelledSegment(string Label, int StartRow, int RowCount);
