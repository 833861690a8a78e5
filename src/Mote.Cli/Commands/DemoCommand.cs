using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Mote.Analysis;
using Mote.Cli.Io;
using Mote.Compress;
using Mote.Compress.Quantization;
using Mote.Data.Synthesis;
using Mote.Graph;
using Mote.Runtime;
using Mote.TfLite;
using Mote.Train;
using Mote.Train.Export;
using Mote.Train.Losses;
using Mote.Train.Optimizers;
using Mote.Train.Training;
using Spectre.Console;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote demo`: the keyword-spotting workflow end to end on data made on this machine, with nothing to download. It
/// synthesizes the 12-class keyword set with espeak-ng (<see cref="KeywordSetSynthesizer"/>), computes the
/// micro-speech features, trains a DS-CNN, exports it as a float .tflite carrying its front end, classifies a
/// held-out clip through `mote run --wav`, measures the accuracy on the held-out voices with Mote's interpreter,
/// quantizes to int8 and checks the result against every known board.
/// </summary>
public static class DemoCommand
{
    /// <summary>The default run, sized to finish well inside 15 minutes on two cores.</summary>
    private static readonly DemoSize s_full = new(PerWord: 400, Filters: 48, Blocks: 3, Epochs: 20);

    /// <summary>The whole workflow on a token amount of data, for tests: it proves the plumbing, not the accuracy.</summary>
    private static readonly DemoSize s_quick = new(PerWord: 5, Filters: 8, Blocks: 1, Epochs: 1);

    private const ulong Seed = 7;
    private const int CalibrationSamples = 100;

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Folder for the demo's files (the synthesized data is kept there and reused).", DefaultValueFactory = _ => "mote-demo" };
        var quick = new Option<bool>("--quick") { Description = "A token run in well under a minute: checks the workflow, not the accuracy." };
        var command = new Command("demo", "Keyword spotting end to end on synthesized speech (no downloads): synthesize, train, export, run a clip, evaluate on held-out voices, quantize, fit-check.\n\nExample:\n  mote demo --out mote-demo")
        {
            output,
            quick,
        };
        command.SetAction(parse => Run(context, parse.GetValue(output)!, parse.GetValue(quick) ? s_quick : s_full));
        return command;
    }

    private static int Run(CliContext context, string folder, DemoSize size)
    {
        var console = context.Console;
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(folder);
        var summary = new Table().Border(TableBorder.Rounded).Title("Demo summary");
        summary.AddColumns("step", "result", "seconds");
        var lap = Stopwatch.StartNew();
        void Row(string step, string result)
        {
            summary.AddRow(Markup.Escape(step), Markup.Escape(result), $"{lap.Elapsed.TotalSeconds:F1}");
            lap.Restart();
        }

        // 1. Data: synthesized once per size and seed, then reused.
        var dataFolder = Path.Combine(folder, $"kws-{size.PerWord}-seed{Seed}");
        console.MarkupLine($"[bold]1. Synthesize[/] the keyword set with espeak-ng ({size.PerWord} clips per class, voices split into train / validation / test) → {Markup.Escape(dataFolder)}");
        KeywordSetManifest? manifest;
        var manifestPath = Path.Combine(dataFolder, KeywordSetManifest.FileName);
        if (File.Exists(manifestPath))
        {
            manifest = JsonSerializer.Deserialize<KeywordSetManifest>(File.ReadAllText(manifestPath), KeywordSetManifest.JsonOptions);
            console.MarkupLine("   already there, reused");
        }
        else
        {
            manifest = DataSynthKwsCommand.Synthesize(context, dataFolder, new KeywordSetOptions { ClipsPerClass = size.PerWord, Seed = Seed });
            if (manifest is null)
            {
                return ExitCodes.JobFailed;
            }
        }

        Row("synthesize", $"{manifest!.Splits.Values.Sum(s => s.Total)} clips, {KeywordVocabulary.Voices.Count} voices ({manifest.Splits["test"].Voices.Count} held out for the test)");

        // 2. Features through the front end the model will carry.
        console.MarkupLine("[bold]2. Features[/]: TFLM micro-speech front end, 49 frames × 40 channels per 1 s clip");
        var data = TrainingData.Load(dataFolder, 0, Seed);
        Row("features", $"{data.Train.Count} train, {data.Validation?.Count ?? 0} validation, {data.Test?.Count ?? 0} test items of [{string.Join("×", data.Train.ItemShape)}]");

        // 3. Train.
        var network = Architectures.DsCnn(data.Train.ItemShape, KeywordVocabulary.Classes.Length, size.Filters, size.Blocks, dropout: 0.1f, seed: Seed);
        var trainer = new Trainer(
            network,
            new CrossEntropy(labelSmoothing: 0.1f),
            new AdamW(weightDecay: 1e-4f),
            new TrainingOptions { Epochs = size.Epochs, BatchSize = 32, Seed = Seed, Schedule = new CosineSchedule(0.005f, 0.0001f) });
        console.MarkupLine($"[bold]3. Train[/] a DS-CNN ({size.Filters} filters, {size.Blocks} depthwise-separable blocks, {network.Parameters.Where(p => p.Trainable).Sum(p => p.Shape.Aggregate(1, (a, b) => a * b)):N0} parameters) for {size.Epochs} epochs");
        var result = Train(console, trainer, data);
        var last = result.Epochs[^1];
        Row("train", $"{size.Epochs} epochs, validation accuracy {last.ValidationAccuracy:P1}");

        // 4. Export with the front end in the metadata, and read back.
        console.MarkupLine("[bold]4. Export[/] a float32 .tflite that carries its front end");
        var floatPath = Path.Combine(folder, "kws_float.tflite");
        TfLiteWriter.WriteFile(data.Annotate(ModelExporter.Export(network)), floatPath);
        var floatModel = TfLiteReader.ReadFile(floatPath);
        Row("export", $"{floatPath}: {new FileInfo(floatPath).Length:N0} bytes, {CostModel.TotalMacs(floatModel.Main):N0} MACs");

        // 5. One held-out clip through the command line's own path.
        var clip = Directory.GetFiles(Path.Combine(dataFolder, "test", "yes"), "*.wav").Order(StringComparer.Ordinal).First();
        console.MarkupLine($"[bold]5. Run[/] mote run {Markup.Escape(floatPath)} --wav {Markup.Escape(clip)}");
        var heard = RunWav(floatPath, clip, data.ClassNames!);
        console.MarkupLine($"   heard: [bold]{Markup.Escape(heard)}[/]");
        Row("run --wav", $"{Path.GetFileName(clip)} (\"yes\", a held-out voice) → \"{heard}\"");

        // 6. Accuracy on the held-out voices, by the interpreter on the exported file.
        console.MarkupLine("[bold]6. Evaluate[/] the exported model on the held-out voices with Mote's interpreter");
        var test = data.Test!;
        var inputs = Items(test);
        var floatAccuracy = ClassifierAccuracy.Measure(floatModel, inputs, test.Labels!);
        Row("float accuracy", $"{floatAccuracy:P2} on {test.Count} clips of {manifest.Splits["test"].Voices.Count} unseen voices");

        // 7. Int8.
        console.MarkupLine("[bold]7. Quantize[/] to int8 (post-training, per-channel) and evaluate again");
        var calibration = Items(data.Train).Take(CalibrationSamples).ToList();
        var int8Model = PostTrainingQuantizer.Quantize(floatModel, Calibrator.Calibrate(floatModel, calibration), new QuantizationOptions(FloatIo: true));
        var int8Path = Path.Combine(folder, "kws_int8.tflite");
        TfLiteWriter.WriteFile(int8Model, int8Path);
        var int8Accuracy = ClassifierAccuracy.Measure(int8Model, inputs, test.Labels!);
        Row("int8 accuracy", $"{int8Accuracy:P2} ({new FileInfo(int8Path).Length:N0} bytes)");

        // 8. Fit.
        console.MarkupLine("[bold]8. Fit[/] the int8 model against every known board");
        var scratch = Interpreter.ScratchRequests(int8Model, int8Path);
        var verdicts = BoardDatabase.All.Select(b => ModelAnalyzer.Analyze(int8Model, b, scratch)).ToList();
        var fits = verdicts.Where(v => v.Target!.Fits).Select(v => v.Target!.Board).ToList();
        Row("fit", $"RAM {verdicts[0].PeakRamBytes:N0} B, flash {verdicts[0].FlashBytes:N0} B; fits {(fits.Count == 0 ? "no board" : string.Join(", ", fits))}");

        summary.AddRow("total", "", $"{clock.Elapsed.TotalSeconds:F1}");
        console.Write(summary);
        return ExitCodes.Success;
    }

    private static TrainingResult Train(IAnsiConsole console, Trainer trainer, TrainingData data)
    {
        TrainingResult result = null!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                ProgressTask? task = null;
                result = trainer.Fit(data.Train, data.Validation, report =>
                {
                    task ??= progress.AddTask("training", maxValue: (double)report.Epochs * report.Batches);
                    task.Value = ((double)report.Epoch * report.Batches) + report.Batch;
                    task.Description = report.Completed is { } epoch
                        ? $"epoch {epoch.Epoch + 1}/{report.Epochs}: validation accuracy {epoch.ValidationAccuracy:P1}"
                        : task.Description;
                });
            });
        return result;
    }

    /// <summary>`mote run MODEL --wav CLIP --json`, run in-process; the name of the highest-scoring class.</summary>
    private static string RunWav(string modelPath, string clipPath, IReadOnlyList<string> classNames)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var exit = MoteCli.Run(["run", modelPath, "--wav", clipPath, "--json"], new CliContext(console, output, error));
        if (exit != ExitCodes.Success)
        {
            throw new InvalidOperationException($"mote run --wav failed: {error}");
        }

        var scores = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("outputs")[0].GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList();
        return classNames[scores.IndexOf(scores.Max())];
    }

    private static IEnumerable<float[]> Items(Dataset data)
    {
        for (var i = 0; i < data.Count; i++)
        {
            yield return data.Inputs.AsSpan(i * data.ItemSize, data.ItemSize).ToArray();
        }
    }

    private sealed record DemoSize(int PerWord, int Filters, int Blocks, int Epochs);
}
