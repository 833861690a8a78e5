using System.Numerics.Tensors;
using Mote.Analysis;
using Mote.Graph;
using Mote.Runtime;
using Mote.TfLite;
using Mote.Train;
using Mote.Train.Losses;
using Mote.Train.Optimizers;
using Mote.Train.Training;
using Spectre.Console;

namespace Mote.Cli.Commands;

/// <summary>
/// The before/after table that ends `mote prune` and `mote distill`: accuracy, .tflite bytes, MACs and arena bytes
/// (from Mote.Analysis' plan) of two models, with their ratio.
/// </summary>
internal static class CompressionTable
{
    /// <summary>The facts of one model; <paramref name="accuracy"/> is measured by the caller on the evaluation set.</summary>
    public static ModelFacts Measure(Model model, string source, double? accuracy)
    {
        var bytes = TfLiteWriter.Write(model);
        var arena = ModelAnalyzer.Analyze(model, null, Interpreter.ScratchRequests(model, source)).ArenaBytes;
        return new ModelFacts(accuracy, bytes.LongLength, CostModel.TotalMacs(model.Main), arena);
    }

    /// <summary>Top-1 accuracy of per-item scores (logits or probabilities) against the data's labels.</summary>
    public static double Accuracy(float[] scores, Dataset data)
    {
        var classes = scores.Length / data.Count;
        var correct = 0;
        for (var i = 0; i < data.Count; i++)
        {
            correct += TensorPrimitives.IndexOfMax(scores.AsSpan(i * classes, classes)) == data.Labels![i] ? 1 : 0;
        }

        return (double)correct / data.Count;
    }

    /// <summary>Top-1 accuracy of a network in inference mode.</summary>
    public static double Accuracy(Network network, Dataset data) =>
        new Trainer(network, new CrossEntropy(), new Sgd(), new TrainingOptions()).Evaluate(data).Accuracy ?? 0;

    public static void Write(CliContext context, string title, string accuracyOn, (string Name, ModelFacts Facts) before, (string Name, ModelFacts Facts) after)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        table.AddColumns("", before.Name, after.Name, "ratio");
        table.AddRow($"accuracy ({accuracyOn})", Percent(before.Facts.Accuracy), Percent(after.Facts.Accuracy), "");
        void Row(string name, long a, long b) => table.AddRow(name, a.ToString("N0"), b.ToString("N0"), a == 0 ? "" : $"{(double)b / a:F2}×");
        Row("file bytes", before.Facts.FileBytes, after.Facts.FileBytes);
        Row("MACs", before.Facts.Macs, after.Facts.Macs);
        Row("arena bytes", before.Facts.ArenaBytes, after.Facts.ArenaBytes);
        context.Console.Write(table);
    }

    private static string Percent(double? value) => value is { } v ? $"{v:P2}" : "";

    internal sealed record ModelFacts(double? Accuracy, long FileBytes, long Macs, long ArenaBytes);
}
