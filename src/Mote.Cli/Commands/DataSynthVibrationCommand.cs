using System.CommandLine;
using System.Globalization;
using Mote.Data.Simulation;
using Spectre.Console;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote data synth-vibration --out DIR [--seed N]`: a labelled vibration data set from the rotating-machine simulator
/// (<see cref="VibrationDataSet"/>): healthy windows of training and validation machines, and healthy and faulty
/// windows of held-out test machines, as CSV files with a manifest.
/// </summary>
public static class DataSynthVibrationCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Folder to create (it must not exist or be empty): OUT/{train,validation,test}/*.csv and OUT/manifest.json.", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed: the same seed gives the same files.", DefaultValueFactory = _ => 1 };
        var command = new Command("synth-vibration", "Simulate accelerometer windows of rotating machines: healthy, imbalance, misalignment, looseness and bearing defects (outer race, inner race, ball); test machines are held out from training.\n\nExample:\n  mote data synth-vibration --out data/vibration --seed 1")
        {
            output,
            seed,
        };
        command.SetAction(parse => Run(context, parse.GetValue(output)!, parse.GetValue(seed)));
        return command;
    }

    private static int Run(CliContext context, string folder, ulong seed)
    {
        var plan = new VibrationDataSetPlan();
        VibrationManifest manifest = null!;
        context.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("simulating windows", maxValue: plan.TotalWindows);
                manifest = VibrationDataSet.Write(folder, plan, seed, done => task.Value = done);
            });

        var labels = MachineConditions.All.Select(c => c.Label()).ToArray();
        string[] splits = [.. new[] { "train", "validation", "test" }.Where(manifest.Counts.ContainsKey)];
        var table = new Table().Border(TableBorder.Rounded).Title($"{folder}: {manifest.SampleRateHz} Hz, {manifest.WindowSamples} samples per window");
        table.AddColumn("label");
        foreach (var split in splits)
        {
            var machines = manifest.Machines.Count(m => m.Split == split);
            table.AddColumn(new TableColumn($"{split} ({machines} machines)").RightAligned());
        }

        foreach (var label in labels)
        {
            table.AddRow([label, .. splits.Select(s => manifest.Counts[s].GetValueOrDefault(label).ToString(CultureInfo.InvariantCulture))]);
        }

        context.Console.Write(table);
        return ExitCodes.Success;
    }
}
