using Mote.Data.Csv;
using Mote.Data.Simulation;

namespace Mote.Data.Tests.Simulation;

public sealed class VibrationDataSetTests : IDisposable
{
    private static readonly VibrationDataSetPlan s_small = new()
    {
        WindowSamples = 1024,
        TrainingMachines = 2,
        TrainingWindowsPerMachine = 2,
        ValidationMachines = 1,
        ValidationWindowsPerMachine = 2,
        TestMachines = 1,
        TestHealthyWindowsPerMachine = 2,
        TestFaultWindowsPerMachine = 1,
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("mote-vibration-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Writes_labelled_windows_of_disjoint_machines_with_a_manifest_that_counts_them()
    {
        var folder = Path.Combine(_folder, "set");
        var reported = new List<int>();
        var manifest = VibrationDataSet.Write(folder, s_small, seed: 3, done => reported.Add(done));

        Assert.Equal(s_small.TotalWindows, manifest.Windows.Length);
        Assert.Equal(s_small.TotalWindows, reported.Max());
        Assert.Equal(4, manifest.Counts["train"]["healthy"]);
        Assert.Equal(2, manifest.Counts["validation"]["healthy"]);
        Assert.Equal(2, manifest.Counts["test"]["healthy"]);
        Assert.All(MachineConditions.Faults, fault => Assert.Equal(1, manifest.Counts["test"][fault.Label()]));
        Assert.Equal(["train", "train", "validation", "test"], manifest.Machines.Select(m => m.Split));

        var reread = VibrationDataSet.ReadManifest(folder);
        Assert.Equal(manifest.SampleRateHz, reread.SampleRateHz);
        Assert.Equal(manifest.Windows.Length, reread.Windows.Length);
        foreach (var window in manifest.Windows)
        {
            var series = CsvTimeSeriesReader.Read(Path.Combine(folder, window.File));
            Assert.Equal(window.Label, series.SingleLabel);
            Assert.Equal(["radial", "axial"], series.Channels);
            Assert.Equal(s_small.WindowSamples, series.Rows);
            Assert.Equal(window.Label == "healthy", window.Severity == 0);
        }

        Assert.Empty(Directory.GetDirectories(_folder, ".*"));
    }

    [Fact]
    public void The_same_seed_writes_identical_files()
    {
        var first = Path.Combine(_folder, "a");
        var second = Path.Combine(_folder, "b");
        VibrationDataSet.Write(first, s_small, seed: 5);
        VibrationDataSet.Write(second, s_small, seed: 5);

        var files = Directory.GetFiles(first, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order().ToArray();
        Assert.Equal(files, Directory.GetFiles(second, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).Order());
        Assert.All(files, file => Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file))));
    }

    [Fact]
    public void A_non_empty_output_folder_is_refused_and_left_alone()
    {
        File.WriteAllText(Path.Combine(_folder, "keep.txt"), "mine");

        var error = Assert.Throws<InvalidDataFileException>(() => VibrationDataSet.Write(_folder, s_small, seed: 1));

        Assert.Contains("not empty", error.Problem);
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName));
    }
}
