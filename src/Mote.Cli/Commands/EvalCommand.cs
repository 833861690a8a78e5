using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Mote.Cli.Evaluation;
using Mote.Cli.Io;
using Mote.Graph;
using Mote.Runtime;
using Spectre.Console;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote eval MODEL --data DIR --anomaly [--percentile P] [--normal-label L] [--json]`: scores an autoencoder on a
/// vibration data set through Mote's interpreter. Each window's score is the mean squared reconstruction error of its
/// features; the threshold is the P-th percentile of the validation windows' scores (healthy machines held out from
/// training); on the test windows it reports ROC AUC (normal against every other label), the false-alarm rate and,
/// per label, the detection rate at the threshold and the AUC against the normal windows.
/// </summary>
public static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("MODEL") { Description = "A float32 autoencoder (.tflite) whose input and output are the feature vector." };
        var data = new Option<string>("--data") { Description = "A vibration data set folder (manifest.json, validation/ and test/ of CSV windows), as `mote data synth-vibration` writes it.", Required = true };
        var anomaly = new Option<bool>("--anomaly") { Description = "Anomaly detection: score windows by reconstruction error (the only evaluation built so far)." };
        var percentile = new Option<double>("--percentile") { Description = "Percentile of the validation scores used as the detection threshold.", DefaultValueFactory = _ => 99 };
        var normal = new Option<string>("--normal-label") { Description = "The label of normal windows; every other label is an anomaly.", DefaultValueFactory = _ => "healthy" };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON (docs/json/eval.md)." };
        var command = new Command("eval", "Evaluate a model on a data set.\n\nExample:\n  mote eval runs/anomaly/model.tflite --data data/vibration --anomaly")
        {
            model,
            data,
            anomaly,
            percentile,
            normal,
            json,
        };
        command.SetAction(parse => Run(context, parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(anomaly), parse.GetValue(percentile), parse.GetValue(normal)!, parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string modelPath, string dataFolder, bool anomaly, double percentile, string normalLabel, bool json)
    {
        if (!anomaly)
        {
            throw new UsageException("mote eval needs --anomaly: reconstruction-error scoring is the only evaluation built so far");
        }

        if (percentile is < 0 or > 100)
        {
            throw new UsageException($"--percentile must be between 0 and 100, not {percentile}");
        }

        var interpreter = Interpreter.Create(ModelLoader.Load(modelPath), modelPath);
        var data = VibrationCsvFolder.Open(dataFolder);
        CheckModel(interpreter, modelPath, data.Features.Length);
        var validation = Scores(interpreter, data.Load("validation"), data.Features.Length);
        var test = data.Load("test");
        var testScores = Scores(interpreter, test, data.Features.Length);
        if (!test.Labels.Contains(normalLabel) || test.Labels.All(l => l == normalLabel))
        {
            throw new UsageException($"{Path.Combine(dataFolder, "test")}: needs windows labelled \"{normalLabel}\" and windows of other labels");
        }

        var report = Report(validation, test.Labels, testScores, percentile, normalLabel);
        if (json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(report, MoteJson.Options));
        }
        else
        {
            Print(context, report, modelPath);
        }

        return ExitCodes.Success;
    }

    private static void CheckModel(Interpreter interpreter, string modelPath, int features)
    {
        static bool Fits(IReadOnlyList<TensorInfo> tensors, int features) =>
            tensors is [var only] && only.Type == DataType.Float32 && only.Shape.ElementCount == features;
        if (!Fits(interpreter.Inputs, features) || !Fits(interpreter.Outputs, features))
        {
            throw new UsageException($"{modelPath}: an autoencoder for this data set needs one float32 input and one float32 output of {features} features");
        }
    }

    /// <summary>Mean squared difference between each window's features and the model's reconstruction of them.</summary>
    private static double[] Scores(Interpreter interpreter, FeatureSet set, int features)
    {
        var scores = new double[set.Labels.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            var input = set.Features.AsSpan(i * features, features);
            interpreter.SetInput(0, MemoryMarshal.AsBytes(input));
            interpreter.Invoke();
            var output = MemoryMarshal.Cast<byte, float>(interpreter.GetOutput(0));
            double sum = 0;
            for (int j = 0; j < features; j++)
            {
                double difference = output[j] - input[j];
                sum += difference * difference;
            }

            scores[i] = sum / features;
        }

        return scores;
    }

    private static AnomalyReport Report(double[] validation, string[] labels, double[] scores, double percentile, string normalLabel)
    {
        double threshold = AnomalyMetrics.Percentile(validation, percentile);
        var normalScores = scores.Where((_, i) => labels[i] == normalLabel).ToArray();
        var perLabel = labels.Distinct().OrderBy(l => l != normalLabel).ThenBy(l => l, StringComparer.Ordinal).Select(label =>
        {
            var own = scores.Where((_, i) => labels[i] == label).ToArray();
            int detected = own.Count(s => s > threshold);
            double? auc = label == normalLabel ? null : AnomalyMetrics.RocAuc([.. own, .. normalScores], [.. own.Select(_ => true), .. normalScores.Select(_ => false)]);
            return new LabelResult(label, own.Length, detected, (double)detected / own.Length, auc);
        }).ToArray();
        return new AnomalyReport(
            percentile,
            threshold,
            validation.Length,
            scores.Length,
            AnomalyMetrics.RocAuc(scores, [.. labels.Select(l => l != normalLabel)]),
            perLabel.Single(l => l.Label == normalLabel).DetectionRate,
            perLabel);
    }

    private static void Print(CliContext context, AnomalyReport report, string modelPath)
    {
        static string Format(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Rounded).Title($"{modelPath}: ROC AUC {Format(report.RocAuc)}, threshold {report.Threshold.ToString("G4", CultureInfo.InvariantCulture)} (p{report.Percentile} of {report.ValidationWindows} validation windows)");
        table.AddColumn("label");
        table.AddColumn(new TableColumn("windows").RightAligned());
        table.AddColumn(new TableColumn("flagged").RightAligned());
        table.AddColumn(new TableColumn("AUC vs normal").RightAligned());
        foreach (var label in report.Labels)
        {
            table.AddRow(label.Label, label.Windows.ToString(CultureInfo.InvariantCulture), $"{label.DetectionRate:P1}", label.RocAuc is { } auc ? Format(auc) : "");
        }

        context.Console.Write(table);
        context.Out.WriteLine($"ROC AUC {Format(report.RocAuc)}; false alarms on normal test windows {report.FalseAlarmRate:P1}");
    }

    /// <summary>The JSON of `mote eval --anomaly --json` (docs/json/eval.md).</summary>
    public sealed record AnomalyReport(double Percentile, double Threshold, int ValidationWindows, int TestWindows, double RocAuc, double FalseAlarmRate, LabelResult[] Labels);

    /// <summary>One label's test windows: how many, how many scored above the threshold, and their AUC against the normal ones.</summary>
    public sealed record LabelResult(string Label, int Windows, int Flagged, double DetectionRate, double? RocAuc);
}
