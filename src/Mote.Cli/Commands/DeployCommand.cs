using System.CommandLine;
using Mote.CodeGen;
using Mote.CodeGen.Toolchain;
using Mote.Graph;
using Spectre.Console;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote deploy MODEL --target cortex-m4|cortex-m7|cortex-m33|cortex-m55 [--emulate] [--profile] [--opt Os|O2|O3] [--json]`:
/// generates the C library, builds it with a test main for the target's QEMU board and reports code, weight and
/// static RAM bytes; with --emulate it runs the image under QEMU, checks that its output equals Mote's interpreter on
/// a fixed-seed random input byte for byte, measures the peak stack and counts the instructions of one inference;
/// --profile (which emulates) also says which functions execute them.
/// </summary>
public static class DeployCommand
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    private static readonly string[] s_optimizations = ["Os", "O2", "O3"];

    /// <summary>How many functions the profile table lists before it sums up the rest.</summary>
    private const int ProfileRows = 12;

    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A .tflite model file." };
        var target = new Option<string>("--target") { Description = "The core to build for (each runs on its QEMU board).", Required = true };
        target.AcceptOnlyFromAmong([.. CortexMTarget.All.Select(t => t.Name)]);
        var emulate = new Option<bool>("--emulate") { Description = "Run under qemu-system-arm: compare with the interpreter, measure the stack, count instructions." };
        var profile = new Option<bool>("--profile") { Description = "Emulate, and attribute the inference's instructions to the functions that execute them." };
        var optimization = new Option<string>("--opt") { Description = "gcc optimization level.", DefaultValueFactory = _ => "Os" };
        optimization.AcceptOnlyFromAmong(s_optimizations);
        var json = new Option<bool>("--json") { Description = "Print the measurements as JSON (docs/deploy.md)." };
        var command = new Command("deploy", "Build a model's generated C for a Cortex-M, measure code, weights and RAM, and optionally run it under QEMU.\n\nExample:\n  mote deploy kws.tflite --target cortex-m4 --emulate")
        {
            model,
            target,
            emulate,
            profile,
            optimization,
            json,
        };
        command.SetAction(parse => Run(
            context, parse.GetValue(model)!, CortexMTarget.Find(parse.GetValue(target)!)!, "-" + parse.GetValue(optimization), parse.GetValue(emulate) || parse.GetValue(profile), parse.GetValue(profile), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string modelPath, CortexMTarget target, string optimization, bool emulate, bool profile, bool json)
    {
        var graph = ModelLoader.Load(modelPath);
        var library = CodeGenerator.Generate(graph, "model", modelPath);
        var testCase = ReferenceCase.Create(graph, modelPath);
        var directory = Directory.CreateTempSubdirectory("mote-deploy-").FullName;
        try
        {
            var measurement = CortexMDeployment.Run(library, [testCase], target, optimization, emulate, profile, directory, s_timeout);
            if (json)
            {
                context.Out.WriteLine(MoteJson.Serialize(measurement));
            }
            else
            {
                context.Console.Write(Table(measurement));
                if (measurement.Profile is { } functions)
                {
                    context.Console.Write(ProfileTable(functions, measurement.InstructionsPerInference!.Value));
                }
            }

            if (measurement.OutputMatches == false)
            {
                context.Error.WriteLine($"mote: the output under QEMU ({target.Machine}) differs from the interpreter's");
                return ExitCodes.JobFailed;
            }

            return ExitCodes.Success;
        }
        catch (Exception e) when (e is ToolchainMissingException or ToolchainFailedException)
        {
            context.Error.WriteLine($"mote: {e.Message}");
            return ExitCodes.JobFailed;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Table Table(DeployMeasurement m)
    {
        static string Bytes(long? value) => value is { } v ? v.ToString("N0") : "-";
        var table = new Table().Border(TableBorder.Rounded).Title($"{m.Target} on QEMU {m.Board}, gcc {m.Optimization}");
        table.AddColumn("");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddColumn("");
        table.AddRow("output matches", m.OutputMatches is { } matches ? matches ? "[green]yes[/]" : "[red]NO[/]" : "-", "under QEMU, against Mote's interpreter");
        table.AddRow("code bytes", Bytes(m.CodeBytes), $"text {m.TextBytes:N0} − weights − requantization arrays {m.QuantizationBytes:N0} − test data {m.TestDataBytes:N0}");
        table.AddRow("weight bytes", Bytes(m.WeightBytes), "const arrays in flash");
        table.AddRow("[bold]RAM bytes[/]", $"[bold]{Bytes(m.RamBytes)}[/]", $"arena {m.ArenaBytes:N0} + static {m.StaticBytes:N0} + peak stack {Bytes(m.StackBytes)}");
        table.AddRow("instructions per inference", Bytes(m.InstructionsPerInference), "counted by Mote's QEMU plugin");
        return table;
    }

    private static Table ProfileTable(IReadOnlyList<FunctionInstructions> functions, long total)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("where one inference's instructions go");
        table.AddColumn("function");
        table.AddColumn(new TableColumn("instructions").RightAligned());
        table.AddColumn(new TableColumn("share").RightAligned());
        void Row(string name, long count) => table.AddRow(Markup.Escape(name), count.ToString("N0"), $"{100.0 * count / total:F1} %");
        // A single function left over is listed rather than summed up as "1 other".
        int listed = functions.Count <= ProfileRows + 1 ? functions.Count : ProfileRows;
        foreach (var function in functions.Take(listed))
        {
            Row(function.Function, function.Instructions);
        }

        if (functions.Count > listed)
        {
            Row($"{functions.Count - listed} other functions", functions.Skip(listed).Sum(f => f.Instructions));
        }

        return table;
    }
}
