using System.CommandLine;
using System.Text.Json;
using Mote.Graph;
using Spectre.Console;

namespace Mote.Cli.Commands;

/// <summary>`mote inspect MODEL [--json]`: tensors, operators, options, quantization, MACs, weight bytes.</summary>
public static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A .tflite model file." };
        var json = new Option<bool>("--json") { Description = "Print the facts as JSON (docs/json/inspect.md) instead of tables." };
        var command = new Command("inspect", "Show a model's inputs, outputs and operators with shapes, options, quantization, MACs and weight bytes.\n\nExample:\n  mote inspect model.tflite --json")
        {
            model,
            json,
        };
        command.SetAction(parse => Run(context, parse.GetValue(model)!, parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string path, bool json)
    {
        var description = ModelDescription.Create(ModelLoader.Load(path), path, new FileInfo(path).Length);
        if (json)
        {
            context.Out.WriteLine(MoteJson.Serialize(description));
        }
        else
        {
            Render(context.Console, description);
        }

        return ExitCodes.Success;
    }

    private static void Render(IAnsiConsole console, ModelDescription model)
    {
        console.MarkupLine($"[bold]{Markup.Escape(model.File)}[/]  {model.FileBytes:N0} bytes, schema v{model.SchemaVersion}" +
            (model.Description.Length > 0 ? $", \"{Markup.Escape(model.Description)}\"" : ""));
        foreach (var subgraph in model.Subgraphs)
        {
            if (model.Subgraphs.Count > 1)
            {
                console.MarkupLine($"\n[bold]Subgraph {subgraph.Index}[/] {Markup.Escape(subgraph.Name)}");
            }

            console.Write(InputOutputTable(subgraph));
            console.Write(OperatorTable(subgraph));
        }

        console.MarkupLine($"{model.Totals.Operators} operators, {model.Totals.Tensors} tensors, " +
            $"[bold]{model.Totals.Macs:N0}[/] MACs, [bold]{model.Totals.WeightBytes:N0}[/] weight bytes");
        foreach (var issue in model.Issues)
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(issue)}");
        }
    }

    private static Table InputOutputTable(SubgraphDescription subgraph)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Inputs and outputs");
        table.AddColumns("", "#", "name", "tensor", "scale", "zero point");
        void Add(string role, int index)
        {
            var tensor = subgraph.Tensors[index];
            var q = tensor.Quantization;
            AddTextRow(
                table,
                role,
                index.ToString(),
                tensor.Name,
                tensor.Signature,
                q is null ? "" : q.Scale.Count == 1 ? q.Scale[0].ToString("G6") : $"{q.Scale.Count} scales",
                q is null ? "" : q.ZeroPoint.Count == 1 ? q.ZeroPoint[0].ToString() : "per channel");
        }

        foreach (var index in subgraph.Inputs)
        {
            Add("input", index);
        }

        foreach (var index in subgraph.Outputs)
        {
            Add("output", index);
        }

        return table;
    }

    private static Table OperatorTable(SubgraphDescription subgraph)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Operators");
        table.AddColumns("#", "operator", "inputs", "outputs", "options");
        table.AddColumn(new TableColumn("MACs").RightAligned());
        table.AddColumn(new TableColumn("weight bytes").RightAligned());
        foreach (var op in subgraph.Operators)
        {
            AddTextRow(
                table,
                op.Index.ToString(),
                op.Op + (op.Version > 1 ? $" v{op.Version}" : ""),
                string.Join(" ", op.Inputs.Where(i => i >= 0).Select(i => subgraph.Tensors[i].Signature)),
                string.Join(" ", op.Outputs.Select(i => subgraph.Tensors[i].Signature)),
                OptionsText(op.Options),
                op.Macs.ToString("N0"),
                op.WeightBytes.ToString("N0"));
        }

        return table;
    }

    /// <summary>Cells as plain text: tensor names and shapes contain brackets that markup would misread.</summary>
    private static void AddTextRow(Table table, params string[] cells) => table.AddRow(cells.Select(c => new Text(c)));

    /// <summary>
    /// Options in one short line for the table, leaving out what is at its usual value (false, no activation,
    /// default formats, dilation 1): "padding=same stride_w=2 stride_h=2 activation=relu". JSON keeps every field.
    /// </summary>
    private static string OptionsText(object options)
    {
        var parts = new List<string>();
        foreach (var property in options.GetType().GetProperties())
        {
            var value = property.GetValue(options);
            var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            var usual = value is false
                || (value is Enum e && e.ToString() is "None" or "Default")
                || (name.StartsWith("dilation", StringComparison.Ordinal) && value is 1);
            if (property.Name != "EqualityContract" && !usual)
            {
                parts.Add($"{name}={FormatValue(value)}");
            }
        }

        return string.Join(" ", parts);
    }

    private static string FormatValue(object? value) => value switch
    {
        Enum e => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString()),
        System.Collections.IEnumerable list and not string => "[" + string.Join(",", list.Cast<object>()) + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
