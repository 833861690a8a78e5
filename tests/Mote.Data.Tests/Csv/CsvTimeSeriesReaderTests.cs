using Mote.Data.Csv;

namespace Mote.Data.Tests.Csv;

public sealed class CsvTimeSeriesReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mote-csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Reads_channels_values_and_label_runs()
    {
        var series = CsvTimeSeriesReader.Read(Write("x, y ,label\n1,2,a\r\n-3.5,4e-1,a\n5, 6 ,b\n\n"));

        Assert.Equal(["x", "y"], series.Channels);
        Assert.Equal(3, series.Rows);
        Assert.Equal([1f, 2f, -3.5f, 0.4f, 5f, 6f], series.Values);
        Assert.Equal([1f, -3.5f, 5f], series.Channel("x"));
        Assert.Equal([new LabelledSegment("a", 0, 2), new LabelledSegment("b", 2, 1)], series.Segments);
        var error = Assert.Throws<InvalidDataFileException>(() => series.SingleLabel);
        Assert.Contains("a, b", error.Problem);
    }

    [Fact]
    public void The_label_column_may_be_anywhere_and_named_otherwise()
    {
        var series = CsvTimeSeriesReader.Read(Write("state,v\nok,1\nok,2\n"), labelColumn: "state");

        Assert.Equal(["v"], series.Channels);
        Assert.Equal("ok", series.SingleLabel);
        Assert.Equal([1f, 2f], series.Channel(0));
    }

    [Theory]
    [InlineData("", 1, "empty file")]
    [InlineData("1,2,3\n4,5,6\n", 1, "must be a header")]
    [InlineData("x,y\n1,2\n", 1, "no label column \"label\"")]
    [InlineData("x,x,label\n1,2,a\n", 1, "\"x\" appears twice")]
    [InlineData("x,,label\n1,2,a\n", 1, "column 2 of the header has no name")]
    [InlineData("label\na\n", 1, "no channel columns")]
    [InlineData("x,label\n", 1, "no data rows")]
    [InlineData("x,y,label\n1,2,a\n1,2\n", 3, "2 fields, but the header names 3 columns")]
    [InlineData("x,y,label\n1,2,a\n1,2,a,4\n", 3, "4 fields")]
    [InlineData("x,y,label\n1,2,a\n1,abc,a\n", 3, "\"abc\" in column \"y\" is not a number")]
    [InlineData("x,y,label\n1,1.2.3,a\n", 2, "is not a number")]
    [InlineData("x,y,label\n1,NaN,a\n", 2, "not a finite number")]
    [InlineData("x,y,label\n1,-Infinity,a\n", 2, "not a finite number")]
    [InlineData("x,y,label\n1,1e39,a\n", 2, "not a finite number")]
    [InlineData("x,y,label\n1,,a\n", 2, "missing value in column \"y\"")]
    [InlineData("x,y,label\n1,2,a\n1,2, \n", 3, "missing label")]
    [InlineData("x,y,label\n1,2,a\n\n1,2,a\n", 3, "blank line between rows")]
    [InlineData("x,y,label\n1,2,\"a,b\"\n", 2, "quoted fields are not supported")]
    public void Bad_files_are_refused_with_file_and_line(string content, int line, string problem)
    {
        var path = Write(content);

        var error = Assert.Throws<InvalidDataFileException>(() => CsvTimeSeriesReader.Read(path));

        Assert.Equal($"{path}:{line}", error.Path);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void Size_limits_are_checked_before_memory_is_spent()
    {
        var path = Write("x,label\n" + string.Concat(Enumerable.Repeat("1,a\n", 100)));

        var tooBig = Assert.Throws<InvalidDataFileException>(() => CsvTimeSeriesReader.Read(path, limits: new CsvLimits(MaxBytes: 100)));
        Assert.Equal(path, tooBig.Path);
        Assert.Contains("more than the limit of 100", tooBig.Problem);

        var tooLong = Assert.Throws<InvalidDataFileException>(() => CsvTimeSeriesReader.Read(path, limits: new CsvLimits(MaxRows: 10)));
        Assert.Equal($"{path}:12", tooLong.Path);

        var tooWide = Assert.Throws<InvalidDataFileException>(() => CsvTimeSeriesReader.Read(path, limits: new CsvLimits(MaxColumns: 1)));
        Assert.Contains("2 columns", tooWide.Problem);
    }

    [Fact]
    public void A_missing_file_or_channel_is_a_data_error()
    {
        var missing = Path.Combine(_folder, "none.csv");
        Assert.Equal("no such file", Assert.Throws<InvalidDataFileException>(() => CsvTimeSeriesReader.Read(missing)).Problem);

        var series = CsvTimeSeriesReader.Read(Write("x,label\n1,a\n"));
        Assert.Contains("no column \"z\"", Assert.Throws<InvalidDataFileException>(() => series.Channel("z")).Problem);
    }

    [Fact]
    public void The_writer_round_trips_through_the_reader_to_five_decimals()
    {
        float[] radial = [0.123456f, -1.5f, 0f, 3e-6f];
        float[] axial = [10f, -0.00001f, 2.5f, -7.25f];
        var path = Path.Combine(_folder, "window.csv");
        using (var writer = new StreamWriter(path))
        {
            CsvTimeSeriesWriter.Write(writer, ["radial", "axial"], [radial, axial], "healthy");
        }

        var series = CsvTimeSeriesReader.Read(path);

        Assert.Equal("radial,axial,label", File.ReadLines(path).First());
        Assert.Equal("healthy", series.SingleLabel);
        for (int i = 0; i < radial.Length; i++)
        {
            Assert.Equal(radial[i], series.Channel("radial")[i], 5e-6f);
            Assert.Equal(axial[i], series.Channel("axial")[i], 5e-6f);
        }
    }

    private string Write(string content)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        return path;
    }
}
