using System.CommandLine;
using System.Diagnostics;
using Mote.Analysis;
using Mote.Data;
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
/// `mote demo`: the whole workflow on a built-in data set, with nothing to download. It trains the sine model of
/// TFLM's hello_world example on synthetic samples, exports it to .tflite, reads the file back, checks that Mote's
/// interpreter computes what the trainer computes, and checks the model against every known board. Later stages
/// (quantization, C code, keyword spotting on synthesized speech) join as they are built.
/// </summary>
public static class DemoCommand
{
    private const int Samples = 1000;
    private const ulong Seed = 7;

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Folder for the demo's files.", DefaultValueFactory = _ => "mote-demo" };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => 300 };
        var command = new Command("demo", "Train, export, verify and fit-check a model on built-in data (no downloads).\n\nExample:\n  mote demo --out mote-demo")
        {
            output,
            epochs,
        };
        command.SetAction(parse => Run(context, parse.GetValue(output)!, parse.GetValue(epochs)));
        return command;
    }

    private static int Run(CliContext context, string folder, int epochs)
    {
        if (epochs <= 0)
        {
            throw new UsageException($"--epochs must be positive, not {epochs}");
        }

        var console = context.Console;
        Directory.CreateDirectory(folder);
        var (train, test) = SineData();
        var network = Architectures.Mlp([1], [16, 16], 1, seed: Seed);
        var trainer = new Trainer(
            network,
            new MeanSquaredError(),
            new Adam(),
            new TrainingOptions { Epochs = epochs, BatchSize = 32, Seed = Seed, Schedule = new CosineSchedule(0.01f, 0.0005f) });

        console.MarkupLine($"[bold]1. Train[/] an MLP (1 → 16 → 16 → 1) on {Samples} noisy samples of sin(x), x in [[0, 2π]]");
        var clock = Stopwatch.StartNew();
        TrainingResult result = null!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("training", maxValue: epochs);
                result = trainer.Fit(train, test, p =>
                {
                    if (p.Completed is { } epoch)
                    {
                        task.Value = p.Epoch + 1;
                        task.Description = $"training, validation loss {epoch.ValidationLoss:F4}";
                    }
                });
            });
        var last = result.Epochs[^1];
        var trainSeconds = clock.Elapsed.TotalSeconds;

        console.MarkupLine("[bold]2. Export[/] to a float32 TFLite model and read it back");
        var modelPath = Path.Combine(folder, "sine_float.tflite");
        TfLiteWriter.WriteFile(ModelExporter.Export(network), modelPath);
        var model = TfLiteReader.ReadFile(modelPath);

        console.MarkupLine("[bold]3. Verify[/] that Mote's interpreter computes what the trainer computes");
        var largestDifference = CompareWithTrainer(network, model, modelPath, test);

        console.MarkupLine("[bold]4. Fit[/] the model against every known board");
        var scratch = Interpreter.ScratchRequests(model, modelPath);
        var verdicts = BoardDatabase.All.Select(b => ModelAnalyzer.Analyze(model, b, scratch)).ToList();

        var summary = new Table().Border(TableBorder.Rounded).Title("Demo summary");
        summary.AddColumns("", "");
        summary.AddRow("training", $"{last.Epoch + 1} epochs in {trainSeconds:F1} s, validation MSE {last.ValidationLoss:F4}");
        summary.AddRow("model", $"{modelPath} ({new FileInfo(modelPath).Length:N0} bytes, {CostModel.TotalMacs(model.Main):N0} MACs)");
        summary.AddRow("interpreter vs trainer", $"largest difference {largestDifference:E2} over {test.Count} inputs");
        summary.AddRow("RAM (arena + state)", $"{verdicts[0].PeakRamBytes:N0} bytes");
        summary.AddRow("flash (weights + code)", $"{verdicts[0].FlashBytes:N0} bytes");
        summary.AddRow("fits", string.Join(", ", verdicts.Where(v => v.Target!.Fits).Select(v => v.Target!.Board)));
        console.Write(summary);

        const double Tolerance = 1e-4;
        if (largestDifference > Tolerance)
        {
            context.Error.WriteLine($"mote: the interpreter differs from the trainer by {largestDifference:E2} (more than {Tolerance:E0})");
            return ExitCodes.JobFailed;
        }

        return ExitCodes.Success;
    }

    /// <summary>TFLM's hello_world data: x uniform in [0, 2π], y = sin(x) plus a little noise; 80% to train.</summary>
    private static (Dataset Train, Dataset Test) SineData()
    {
        var random = new SeededRandom(Seed);
        var x = new float[Samples];
        var y = new float[Samples];
        for (var i = 0; i < Samples; i++)
        {
            x[i] = random.NextSingle() * 2 * MathF.PI;
            y[i] = MathF.Sin(x[i]) + (0.1f * random.NextGaussian());
        }

        var cut = Samples * 4 / 5;
        return (
            new Dataset(x[..cut], [1], targets: y[..cut]),
            new Dataset(x[cut..], [1], targets: y[cut..]));
    }

    private static double CompareWithTrainer(Network network, Model model, string modelPath, Dataset test)
    {
        var expected = network.Forward(test.Inputs, new LayerContext(test.Count, Training: false, new SeededRandom(Seed)));
        var interpreter = Interpreter.Create(model, modelPath);
        var largest = 0.0;
        var input = new byte[sizeof(float)];
        for (var i = 0; i < test.Count; i++)
        {
            BitConverter.TryWriteBytes(input, test.Inputs[i]);
            interpreter.SetInput(0, input);
            interpreter.Invoke();
            var actual = BitConverter.ToSingle(interpreter.GetOutput(0));
            largest = Math.Max(largest, Math.Abs(actual - expected[i]));
        }

        return largest;
    }
}
