using System.Globalization;
using System.Text;
using Mote.Analysis.Tests.Planning;
using Mote.Graph;
using Mote.Runtime;
using Mote.Runtime.Planning;
using Mote.Testing;
using Mote.TfLite;
using Xunit.Abstractions;

namespace Mote.Analysis.Tests.Conformance;

/// <summary>
/// The goal, measured: on every conformance model, Mote's peak RAM (arena + persistent state) is at most the
/// arena TFLM's 32-bit build uses, and every plan is valid and no smaller than the lower bound.
/// </summary>
public class ArenaConformanceTests(ITestOutputHelper output)
{
    /// <summary>
    /// The conformance models whose manifest gives TFLM's 32-bit arena size, in name order. (Qualified: this file's
    /// namespace, Mote.Analysis.Tests.Conformance, hides the class name.)
    /// </summary>
    private static IEnumerable<string> ArmhfModelNames =>
        Mote.Testing.Conformance.ModelNames().Where(n => Mote.Testing.Conformance.ArmhfArenaBytes(n) is not null);

    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        foreach (string name in ArmhfModelNames)
        {
            data.Add(name);
        }

        // A theory needs a row even when it is skipped for missing data.
        if (data.Count == 0)
        {
            data.Add("none");
        }

        return data;
    }

    [ConformanceTheory]
    [MemberData(nameof(Models))]
    public void Mote_needs_no_more_ram_than_tflm(string name)
    {
        var model = TfLiteReader.ReadFile(Mote.Testing.Conformance.ModelPath(name));
        var layout = ArenaLayout.Create(model.Main, []);
        var analysis = ModelAnalyzer.Analyze(model, board: null);
        long tflm = Mote.Testing.Conformance.ArmhfArenaBytes(name)!.Value;

        PlanValidator.AssertNoOverlap(layout);
        Assert.Equal(layout.ArenaBytes, analysis.ArenaBytes);
        Assert.True(layout.ArenaBytes >= layout.LowerBoundBytes);
        Assert.True(
            analysis.PeakRamBytes <= tflm,
            $"{name}: Mote {analysis.PeakRamBytes} bytes (arena {analysis.ArenaBytes} + persistent {analysis.PersistentBytes}) > TFLM {tflm}");
    }

    [ConformanceFact]
    public void Report_table()
    {
        var table = new StringBuilder();
        table.AppendLine("| model | TFLM armhf | Mote total | arena | persistent | lower bound | greedy arena | arena / bound | interpreter arena (with scratch) |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        int searchWins = 0, ties = 0, count = 0, atBound = 0;
        foreach (string name in ArmhfModelNames)
        {
            var model = TfLiteReader.ReadFile(Mote.Testing.Conformance.ModelPath(name));
            var analysis = ModelAnalyzer.Analyze(model, board: null);
            var greedy = ArenaLayout.Create(model.Main, [], new GreedyBySizePlanner());
            Assert.True(analysis.ArenaBytes <= greedy.ArenaBytes, name);
            count++;
            searchWins += analysis.ArenaBytes < greedy.ArenaBytes ? 1 : 0;
            ties += analysis.ArenaBytes == greedy.ArenaBytes ? 1 : 0;
            atBound += analysis.ArenaBytes == analysis.LowerBoundBytes ? 1 : 0;
            table.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Mote.Testing.Conformance.ArmhfArenaBytes(name)} | {analysis.PeakRamBytes} | {analysis.ArenaBytes} | {analysis.PersistentBytes} | {analysis.LowerBoundBytes} | {greedy.ArenaBytes} | {(analysis.LowerBoundBytes == 0 ? 1.0 : (double)analysis.ArenaBytes / analysis.LowerBoundBytes):F3} | {InterpreterArena(model, name)} |");
        }

        table.AppendLine(CultureInfo.InvariantCulture, $"search < greedy on {searchWins} of {count} models, equal on {ties}; plan = lower bound on {atBound}.");
        output.WriteLine(table.ToString());
    }

    /// <summary>The arena the interpreter plans with its kernels' scratch buffers, or "-" for models it cannot run yet.</summary>
    private static string InterpreterArena(Model model, string name)
    {
        try
        {
            return Interpreter.Create(model, name).ArenaBytes.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidModelException)
        {
            return "-";
        }
    }
}
