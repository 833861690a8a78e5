namespace Mote.Data.Csv;

/// <summary>
/// A multichannel time series read from CSV: one row per sample, one float column per channel, and a label per row,
/// kept as runs of equal labels. <see cref="Values"/> is row-major (<c>[row, channel]</c>), as in the file.
/// </summary>
public sealed class CsvTimeSeries
{
    public CsvTimeSeries(string source, string[] channels, float[] values, IReadOnlyList<LabelledSegment> segments)
    {
        if (channels.Length == 0 || values.Length % channels.Length != 0)
        {
            throw new ArgumentException($"{values.Length} values do not fill rows of {channels.Length} channels", nameof(values));
        }

        Source = source;
        Channels = channels;
        Values = values;
        Segments = segments;
    }

    /// <summary>The file it was read from (for messages).</summary>
    public string Source { get; }

    public string[] Channels { get; }

    public float[] Values { get; }

    public IReadOnlyList<LabelledSegment> Segments { get; }

    public int Rows => Values.Length / Channels.Length;

    /// <summary>The label of every row, or a data error naming the file when the rows carry more than one.</summary>
    public string SingleLabel => Segments.Select(s => s.Label).Distinct().ToArray() is [var only]
        ? only
        : throw new InvalidDataFileException(Source, $"expected one label for the whole file, found {string.Join(", ", Segments.Select(s => s.Label).Distinct())}");

    /// <summary>The samples of one channel, in row order.</summary>
    public float[] Channel(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, Channels.Length);
        var samples = new float[Rows];
        for (int row = 0; row < samples.Length; row++)
        {
            samples[row] = Values[(row * Channels.Length) + channel];
        }

        return samples;
    }

    /// <summary>The samples of the channel named <paramref name="name"/>, or a data error naming the file.</summary>
    public float[] Channel(string name)
    {
        int index = Array.IndexOf(Channels, name);
        return index >= 0 ? Channel(index) : throw new InvalidDataFileException(Source, $"no column \"{name}\" (columns: {string.Join(", ", Channels)})");
    }
}
