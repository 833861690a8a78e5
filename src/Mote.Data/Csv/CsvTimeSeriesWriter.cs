using System.Globalization;

namespace Mote.Data.Csv;

/// <summary>Writes the format <see cref="CsvTimeSeriesReader"/> reads: a header, then one row per sample.</summary>
public static class CsvTimeSeriesWriter
{
    /// <summary>
    /// Writes equally long <paramref name="channels"/> under their <paramref name="names"/> with <paramref name="label"/>
    /// on every row. Values keep five decimals, enough for accelerations in g above a sensor's noise.
    /// </summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> names, IReadOnlyList<float[]> channels, string label)
    {
        if (names.Count != channels.Count || channels.Count == 0 || channels.Any(c => c.Length != channels[0].Length))
        {
            throw new ArgumentException("one name per channel, and channels of equal length", nameof(channels));
        }

        writer.Write(string.Join(',', names));
        writer.Write(',');
        writer.Write(CsvTimeSeriesReader.DefaultLabelColumn);
        writer.Write('\n');
        for (int row = 0; row < channels[0].Length; row++)
        {
            foreach (float[] channel in channels)
            {
                writer.Write(channel[row].ToString("0.#####", CultureInfo.InvariantCulture));
                writer.Write(',');
            }

            writer.Write(label);
            writer.Write('\n');
        }
    }
}
