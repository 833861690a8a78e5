using System.Globalization;

namespace Mote.Data.Csv;

/// <summary>
/// Reads a CSV time series strictly (format in docs/csv-time-series.md): a header naming every column, one of them the
/// label column; then one row per sample with a finite number in every other column and a non-empty label. Fields are
/// separated by commas and not quoted; blank lines may only end the file. Every problem is an
/// <see cref="InvalidDataFileException"/> whose path is <c>FILE:LINE</c>.
/// </summary>
public static class CsvTimeSeriesReader
{
    public const string DefaultLabelColumn = "label";

    public static CsvTimeSeries Read(string path, string labelColumn = DefaultLabelColumn, CsvLimits? limits = null)
    {
        limits ??= CsvLimits.Default;
        FileInfo file = new(path);
        if (!file.Exists)
        {
            throw new InvalidDataFileException(path, "no such file");
        }

        if (file.Length > limits.MaxBytes)
        {
            throw new InvalidDataFileException(path, $"{file.Length} bytes is more than the limit of {limits.MaxBytes}");
        }

        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, path, labelColumn, limits);
    }

    private static CsvTimeSeries Parse(StreamReader reader, string path, string labelColumn, CsvLimits limits)
    {
        InvalidDataFileException Error(int line, string problem) => new($"{path}:{line}", problem);

        string header = reader.ReadLine() ?? throw Error(1, "empty file; expected a header line naming the columns");
        string[] names = [.. header.Split(',').Select(name => name.Trim())];
        if (names.Length > limits.MaxColumns)
        {
            throw Error(1, $"{names.Length} columns is more than the limit of {limits.MaxColumns}");
        }

        CheckHeader(names, labelColumn, problem => Error(1, problem));
        int labelIndex = Array.IndexOf(names, labelColumn);
        string[] channels = [.. names.Where((_, i) => i != labelIndex)];

        var values = new List<float>();
        var segments = new List<LabelledSegment>();
        int rows = 0;
        int lineNumber = 1;
        int firstBlankLine = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                firstBlankLine = firstBlankLine == 0 ? lineNumber : firstBlankLine;
                continue;
            }

            if (firstBlankLine != 0)
            {
                throw Error(firstBlankLine, "blank line between rows");
            }

            if (rows == limits.MaxRows)
            {
                throw Error(lineNumber, $"more than the limit of {limits.MaxRows} rows");
            }

            string label = ParseRow(line, names, labelIndex, values, problem => Error(lineNumber, problem));
            if (segments.Count > 0 && segments[^1].Label == label)
            {
                segments[^1] = segments[^1] with { RowCount = segments[^1].RowCount + 1 };
            }
            else
            {
                segments.Add(new LabelledSegment(label, rows, 1));
            }

            rows++;
        }

        if (rows == 0)
        {
            throw Error(lineNumber, "no data rows after the header");
        }

        return new CsvTimeSeries(path, channels, [.. values], segments);
    }

    private static void CheckHeader(string[] names, string labelColumn, Func<string, Exception> error)
    {
        if (names.Any(name => name.Contains('"')))
        {
            throw error("quoted fields are not supported");
        }

        if (Array.FindIndex(names, name => name.Length == 0) is var empty and >= 0)
        {
            throw error($"column {empty + 1} of the header has no name");
        }

        if (names.GroupBy(name => name).FirstOrDefault(group => group.Count() > 1) is { } duplicate)
        {
            throw error($"column \"{duplicate.Key}\" appears twice in the header");
        }

        if (!names.Contains(labelColumn))
        {
            bool numeric = names.All(name => float.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            throw error(numeric
                ? "the first line must be a header naming the columns, not data"
                : $"no label column \"{labelColumn}\" in the header ({string.Join(", ", names)})");
        }

        if (names.Length < 2)
        {
            throw error("no channel columns besides the label");
        }
    }

    /// <summary>Appends the row's channel values to <paramref name="values"/> and returns its label.</summary>
    private static string ParseRow(string line, string[] names, int labelIndex, List<float> values, Func<string, Exception> error)
    {
        if (line.Contains('"'))
        {
            throw error("quoted fields are not supported");
        }

        int fields = line.AsSpan().Count(',') + 1;
        if (fields != names.Length)
        {
            throw error($"{fields} fields, but the header names {names.Length} columns");
        }

        string label = "";
        ReadOnlySpan<char> rest = line;
        for (int column = 0; column < names.Length; column++)
        {
            int comma = rest.IndexOf(',');
            ReadOnlySpan<char> field = (comma < 0 ? rest : rest[..comma]).Trim();
            rest = comma < 0 ? [] : rest[(comma + 1)..];
            if (column == labelIndex)
            {
                label = field.Length > 0 ? field.ToString() : throw error($"missing label in column \"{names[column]}\"");
                continue;
            }

            if (field.Length == 0)
            {
                throw error($"missing value in column \"{names[column]}\"");
            }

            if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
            {
                throw error($"\"{field}\" in column \"{names[column]}\" is not a number");
            }

            if (!float.IsFinite(value))
            {
                throw error($"\"{field}\" in column \"{names[column]}\" is not a finite number (NaN, infinity or beyond float range)");
            }

            values.Add(value);
        }

        return label;
    }
}
