using System.Text.Json;
using Mote.Data.Csv;

namespace Mote.Data.Simulation;

/// <summary>
/// Writes a synthesized, labelled vibration data set (layout in docs/csv-time-series.md): <c>train/</c>,
/// <c>validation/</c> and <c>test/</c> folders of one-window CSV files (columns radial, axial, label) and a
/// <c>manifest.json</c> with the sample rate, counts per split and label, every machine's bearing frequencies and
/// every window's severity and speed. Every machine and window has its own generator derived from the seed, so the
/// files are identical for a seed however the work is scheduled.
/// </summary>
public static class VibrationDataSet
{
    public const string ManifestFile = "manifest.json";

    public static IReadOnlyList<string> ChannelNames { get; } = ["radial", "axial"];

    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>
    /// Creates <paramref name="directory"/> with the data set. It is built in a hidden sibling folder and renamed into
    /// place at the end, so the folder either does not exist or is complete; an existing non-empty folder is refused
    /// rather than replaced. <paramref name="progress"/> receives the number of windows written so far.
    /// </summary>
    public static VibrationManifest Write(string directory, VibrationDataSetPlan plan, ulong seed, Action<int>? progress = null)
    {
        var target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new InvalidDataFileException(directory, "the output folder exists and is not empty; choose a new folder or remove it");
        }

        var parent = Path.GetDirectoryName(target) ?? throw new InvalidDataFileException(directory, "has no parent folder");
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.new");
        try
        {
            var manifest = Generate(staging, plan, seed, progress);
            using (var stream = File.Create(Path.Combine(staging, ManifestFile)))
            {
                JsonSerializer.Serialize(stream, manifest, s_json);
            }

            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
            return manifest;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Reads a manifest written by <see cref="Write"/>.</summary>
    public static VibrationManifest ReadManifest(string directory)
    {
        var path = Path.Combine(directory, ManifestFile);
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<VibrationManifest>(stream, s_json) ?? throw new InvalidDataFileException(path, "empty manifest");
        }
        catch (Exception e) when (e is JsonException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidDataFileException(path, e.Message);
        }
    }

    /// <summary>The machine with index <paramref name="id"/> of a data set made with <paramref name="seed"/>.</summary>
    public static Machine MachineOf(ulong seed, int id) => Machine.Random(id, new SeededRandom(Derive(seed, id, -1, 0)));

    private static VibrationManifest Generate(string folder, VibrationDataSetPlan plan, ulong seed, Action<int>? progress)
    {
        var jobs = Plan(plan, seed);
        foreach (var split in jobs.Select(j => j.Split).Distinct())
        {
            Directory.CreateDirectory(Path.Combine(folder, split));
        }

        var simulator = new VibrationSimulator(plan.SampleRate, plan.WindowSamples);
        var windows = new WindowEntry[jobs.Count];
        var done = 0;
        var gate = new object();
        ParallelWindows.For(jobs.Count, i =>
        {
            var job = jobs[i];
            var random = new SeededRandom(Derive(seed, job.Machine.Id, (int)job.Condition, job.Index));
            var severity = job.Condition == MachineCondition.Healthy ? 0 : random.NextSingle();
            var window = simulator.Simulate(job.Machine, job.Condition, severity, random);
            var name = $"{job.Split}/m{job.Machine.Id:D2}_{job.Condition.Label()}_{job.Index:D3}.csv";
            using (var writer = new StreamWriter(Path.Combine(folder, name)))
            {
                CsvTimeSeriesWriter.Write(writer, ChannelNames, [window.Radial, window.Axial], job.Condition.Label());
            }

            windows[i] = new WindowEntry(name, job.Machine.Id, job.Condition.Label(), Math.Round(window.Severity, 4), Math.Round(window.ShaftHz, 4));
            lock (gate)
            {
                progress?.Invoke(++done);
            }
        });

        var counts = windows
            .GroupBy(w => w.File[..w.File.IndexOf('/')])
            .ToDictionary(split => split.Key, split => split.GroupBy(w => w.Label).ToDictionary(label => label.Key, label => label.Count()));
        var machines = jobs.Select(j => (j.Machine, j.Split)).Distinct().Select(m => MachineEntry.Of(m.Machine, m.Split));
        return new VibrationManifest(
            "mote.vibration",
            1,
            seed,
            plan.SampleRate,
            plan.WindowSamples,
            [.. ChannelNames],
            "g",
            CsvTimeSeriesReader.DefaultLabelColumn,
            counts,
            [.. machines],
            windows);
    }

    private sealed record Job(string Split, Machine Machine, MachineCondition Condition, int Index);

    private static List<Job> Plan(VibrationDataSetPlan plan, ulong seed)
    {
        var jobs = new List<Job>();
        var firstTest = plan.TrainingMachines + plan.ValidationMachines;
        for (var id = 0; id < firstTest + plan.TestMachines; id++)
        {
            var machine = MachineOf(seed, id);
            var split = id < plan.TrainingMachines ? "train" : id < firstTest ? "validation" : "test";
            foreach (var condition in split == "test" ? MachineConditions.All : [MachineCondition.Healthy])
            {
                var count = split switch
                {
                    "train" => plan.TrainingWindowsPerMachine,
                    "validation" => plan.ValidationWindowsPerMachine,
                    _ => condition == MachineCondition.Healthy ? plan.TestHealthyWindowsPerMachine : plan.TestFaultWindowsPerMachine,
                };
                for (var w = 0; w < count; w++)
                {
                    jobs.Add(new Job(split, machine, condition, w));
                }
            }
        }

        return jobs;
    }

    /// <summary>An independent generator seed per (data set seed, machine, condition, window) via SplitMix64 steps.</summary>
    private static ulong Derive(ulong seed, int machine, int condition, int index)
    {
        var state = seed;
        foreach (var key in new[] { machine, condition, index })
        {
            state = new SeededRandom(state ^ ((ulong)(uint)key * 0xD1B54A32D192ED03UL)).NextUInt64();
        }

        return state;
    }
}
