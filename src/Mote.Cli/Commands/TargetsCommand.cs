using System.CommandLine;
using Mote.Analysis;
using Mote.Graph;
using Spectre.Console;

namespace Mote.Cli.Commands;

/// <summary>`mote targets [--json]`: the boards `mote analyze --target` knows, with the figures its estimates use.</summary>
public static class TargetsCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the board database as JSON." };
        var command = new Command("targets", "List the boards that 'mote analyze --target' knows.\n\nExample:\n  mote targets")
        {
            json,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(MoteJson.Serialize(BoardDatabase.All));
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumns("id", "board", "chip", "core", "MHz", "RAM", "flash", "active mW");
            foreach (var b in BoardDatabase.All)
            {
                table.AddRow(
                    new Text(b.Id),
                    new Text(b.Name),
                    new Text(b.Chip),
                    new Text(b.Core.ToString()),
                    new Text(b.ClockMhz.ToString()),
                    new Text($"{b.RamBytes / 1024:N0} KB"),
                    new Text($"{b.FlashBytes / 1024:N0} KB"),
                    new Text(b.ActivePowerMilliwatts.ToString("F1")));
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
