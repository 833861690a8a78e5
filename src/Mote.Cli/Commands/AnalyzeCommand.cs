using System.CommandLine;
using Mote.Analysis;
using Mote.Graph;
using Mote.Runtime;
using Mote.Runtime.Planning;
using Spectre.Console;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote analyze MODEL [--target BOARD] [--json]`: per-layer costs, the arena plan, peak RAM, flash, and latency,
/// energy and a fit verdict for a board. Without --target the table view checks every known board.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A .tflite model file." };
        var target = new Option<string?>("--target") { Description = "Board id to check the model against (see 'mote targets')." };
        var json = new Option<bool>("--json") { Description = "Print the analysis as JSON (docs/json/analyze.md)." };
        var command = new Command("analyze", "Plan the model's memory and estimate flash, latency and energy; say whether it fits a board.\n\nExample:\n  mote analyze model.tflite --target nano33ble")
        {
            model,
            target,
            json,
        };
        command.SetAction(parse => Run(context, parse.GetValue(model)!, parse.GetValue(target), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string path, string? targetId, bool json)
    {
        var board = targetId is null ? null : BoardDatabase.Find(targetId)
            ?? throw new UsageException($"unknown board '{targetId}'; known boards: {string.Join(", ", BoardDatabase.All.Select(b => b.Id))}");
        var model = ModelLoader.Load(path);
        var (scratch, note) = KernelScratch(model, path);
        var analysis = ModelAnalyzer.Analyze(model, board, scratch);
        if (note is not null)
        {
            context.Error.WriteLine($"mote: note: {note}");
        }

        if (json)
        {
            context.Out.WriteLine(analysis.ToJson());
            return ExitCodes.Success;
        }

        var console = context.Console;
        console.Write(LayerTable(analysis));
        console.Write(SummaryTable(analysis));
        var verdicts = board is null
            ? BoardDatabase.All.Select(b => ModelAnalyzer.Analyze(model, b, scratch).Target!).ToList()
            : [analysis.Target!];
        console.Write(VerdictTable(analysis, verdicts));
        foreach (var verdict in verdicts.Where(v => !v.Fits && board is not null))
        {
            var peak = string.Join(", ", verdict.PeakTensors.Take(3).Select(t => $"{t.Name} ({t.Bytes:N0} B)"));
            console.WriteLine($"Does not fit {verdict.Name}: RAM over by {verdict.RamOverBy:N0} B, flash over by {verdict.FlashOverBy:N0} B. Largest buffers at the peak: {peak}.");
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The scratch buffers Mote's kernels ask for, so the arena plan is the one the interpreter really uses. A model
    /// the interpreter cannot run is still analysed, without scratch, and the note says so.
    /// </summary>
    private static (IReadOnlyList<ScratchRequest> Scratch, string? Note) KernelScratch(Model model, string path)
    {
        try
        {
            return (Interpreter.ScratchRequests(model, path), null);
        }
        catch (InvalidModelException e)
        {
            return ([], $"the interpreter cannot run this model ({e.Problem}); the arena plan leaves out kernel scratch");
        }
    }

    private static Table LayerTable(ModelAnalysis analysis)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Layers");
        table.AddColumns("#", "operator", "output");
        foreach (var header in new[] { "MACs", "weight bytes", "activation bytes", "est. ms" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        foreach (var layer in analysis.Layers)
        {
            table.AddRow(
                new Text(layer.Index.ToString()),
                new Text(layer.Op),
                new Text(string.Join(" ", layer.OutputShapes.Select(s => s is null ? "-" : $"[{string.Join(",", s)}]"))),
                new Text(layer.Macs.ToString("N0")),
                new Text(layer.WeightBytes.ToString("N0")),
                new Text(layer.ActivationBytes.ToString("N0")),
                new Text(layer.LatencyMs is { } ms ? ms.ToString("F3") : "-"));
        }

        return table;
    }

    private static Table SummaryTable(ModelAnalysis analysis)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Memory");
        table.AddColumn("");
        table.AddColumn(new TableColumn("bytes").RightAligned());
        table.AddColumn("");
        var gap = analysis.LowerBoundBytes == 0 ? 1.0 : (double)analysis.ArenaBytes / analysis.LowerBoundBytes;
        table.AddRow("arena (activations)", analysis.ArenaBytes.ToString("N0"), $"planner {analysis.Planner}, {gap:F3}× the lower bound");
        table.AddRow("lower bound", analysis.LowerBoundBytes.ToString("N0"), "most bytes live at one step");
        table.AddRow("persistent state", analysis.PersistentBytes.ToString("N0"), $"variables {analysis.VariableBytes:N0}, operator data {analysis.OperatorDataBytes:N0}");
        table.AddRow("[bold]peak RAM[/]", $"[bold]{analysis.PeakRamBytes:N0}[/]", "arena + persistent state");
        table.AddRow("weights", analysis.WeightBytes.ToString("N0"), "");
        table.AddRow("code (estimate)", analysis.CodeBytes.ToString("N0"), "");
        table.AddRow("[bold]flash[/]", $"[bold]{analysis.FlashBytes:N0}[/]", "weights + code");
        table.AddRow("MACs", analysis.Macs.ToString("N0"), "");
        return table;
    }

    private static Table VerdictTable(ModelAnalysis analysis, IReadOnlyList<TargetVerdict> verdicts)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Fit (latency and energy are estimates)");
        table.AddColumns("board", "fits");
        foreach (var header in new[] { "RAM use", "flash use", "latency ms", "energy mJ" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        foreach (var v in verdicts)
        {
            table.AddRow(
                new Text($"{v.Board} ({v.Name})"),
                new Markup(v.Fits ? "[green]yes[/]" : "[red]no[/]"),
                new Text(Share(analysis.PeakRamBytes, v.RamBytes)),
                new Text(Share(analysis.FlashBytes, v.FlashBytes)),
                new Text(v.LatencyMs.ToString("F2")),
                new Text(v.EnergyMj.ToString("F3")));
        }

        return table;
    }

    private static string Share(long used, long capacity) => $"{100.0 * used / capacity:F1}% of {capacity / 1024:N0} KB";
}
