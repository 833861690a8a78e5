using System.CommandLine;
using Mote.Data.Synthesis;
using Spectre.Console;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote data synth-kws --out DIR [--seed N] [--per-word N]`: a 12-class keyword-spotting data set synthesized here
/// with espeak-ng (<see cref="KeywordSetSynthesizer"/>), split by voice into train, validation and test.
/// </summary>
public static class DataSynthKwsCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Folder to create (it must not exist): OUT/{train,validation,test}/CLASS/*.wav and OUT/manifest.json.", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed: the same seed gives the same files.", DefaultValueFactory = _ => 1 };
        var perWord = new Option<int>("--per-word") { Description = "Clips per class, over all splits.", DefaultValueFactory = _ => 500 };
        var command = new Command("synth-kws", "Synthesize a keyword-spotting data set with espeak-ng: yes, no, up, down, left, right, on, off, stop, go, unknown and silence, in many voices with background noise; test voices are held out from training.\n\nExample:\n  mote data synth-kws --out data/kws --seed 1 --per-word 500")
        {
            output,
            seed,
            perWord,
        };
        command.SetAction(parse => Run(context, parse.GetValue(output)!, parse.GetValue(seed), parse.GetValue(perWord)));
        return command;
    }

    /// <summary>The message for a machine without espeak-ng.</summary>
    public static string MissingEspeakMessage =>
        $"mote: {EspeakNg.ExecutableName} is not installed; it synthesizes the keyword data set. Install it with: sudo {EspeakNg.InstallCommand}";

    /// <summary>Synthesizes with a progress bar per stage; null (after the message) when espeak-ng is missing.</summary>
    public static KeywordSetManifest? Synthesize(CliContext context, string folder, KeywordSetOptions options)
    {
        var espeak = EspeakNg.Find();
        if (espeak is null)
        {
            context.Error.WriteLine(MissingEspeakMessage);
            return null;
        }

        KeywordSetManifest manifest = null!;
        context.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                var gate = new object();
                var tasks = new Dictionary<string, ProgressTask>();
                manifest = new KeywordSetSynthesizer(espeak, options).Write(folder, (stage, done, total) =>
                {
                    // Workers report in parallel; keep each bar moving forward only.
                    lock (gate)
                    {
                        if (!tasks.TryGetValue(stage, out var task))
                        {
                            tasks[stage] = task = progress.AddTask(stage, maxValue: Math.Max(1, total));
                        }

                        task.Value = Math.Max(task.Value, done);
                    }
                });
            });
        return manifest;
    }

    private static int Run(CliContext context, string folder, ulong seed, int perWord)
    {
        if (perWord is < KeywordSetOptions.MinClipsPerClass or > KeywordSetOptions.MaxClipsPerClass)
        {
            throw new UsageException($"--per-word must be between {KeywordSetOptions.MinClipsPerClass} and {KeywordSetOptions.MaxClipsPerClass}, not {perWord}");
        }

        if (Directory.Exists(folder) || File.Exists(folder))
        {
            throw new UsageException($"{folder}: already exists; choose a new folder or delete it");
        }

        var manifest = Synthesize(context, folder, new KeywordSetOptions { ClipsPerClass = perWord, Seed = seed });
        if (manifest is null)
        {
            return ExitCodes.JobFailed;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"{folder} ({manifest.Synthesizer})");
        table.AddColumn("class");
        foreach (var split in KeywordSetSynthesizer.SplitNames)
        {
            table.AddColumn(new TableColumn($"{split} ({manifest.Splits[split].Voices.Count} voices)").RightAligned());
        }

        foreach (var className in manifest.Classes)
        {
            table.AddRow([className, .. KeywordSetSynthesizer.SplitNames.Select(s => manifest.Splits[s].Counts[className].ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        context.Console.Write(table);
        return ExitCodes.Success;
    }
}
