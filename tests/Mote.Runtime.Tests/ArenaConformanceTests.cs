using System.Globalization;
using System.Text;
using Mote.Analysis;
using Mote.Testing;
using Mote.TfLite;
using Xunit.Abstractions;

namespace Mote.Runtime.Tests;

/// <summary>
/// The interpreter's own memory, scratch buffers included, against TFLM: for every conformance model, the arena the
/// interpreter plans plus the analysis' persistent estimate (variables and operator data on a 32-bit device) is at
/// most TFLM's <c>arena_used_bytes</c> on armhf, which holds all of these in one arena.
/// </summary>
public sealed class ArenaConformanceTests(ITestOutputHelper output)
{
    [ConformanceFact]
    public void Interpreter_needs_no_more_ram_than_tflm()
    {
        var table = new StringBuilder();
        table.AppendLine("| model | TFLM armhf | interpreter arena | scratch (sum) | persistent | total | margin |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        var over = new List<string>();
        foreach (string model in Conformance.ModelNames())
        {
            var graph = TfLiteReader.ReadFile(Conformance.ModelPath(model));
            var scratch = Interpreter.ScratchRequests(graph, model);
            var interpreter = Interpreter.Create(graph, model);
            var analysis = ModelAnalyzer.Analyze(graph, board: null, scratch);
            Assert.Equal(analysis.ArenaBytes, interpreter.ArenaBytes);

            long total = interpreter.ArenaBytes + analysis.PersistentBytes;
            long tflm = Conformance.ArmhfArenaBytes(model)!.Value;
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {model} | {tflm} | {interpreter.ArenaBytes} | {scratch.Sum(s => s.Size)} | {analysis.PersistentBytes} | {total} | {tflm - total} |");
            if (total > tflm)
            {
                over.Add($"{model}: {total} > {tflm}");
            }
        }

        output.WriteLine(table.ToString());
        Assert.Empty(over);
    }
}
