using System.CommandLine;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote data ...`: the parent of the commands that build data sets on this machine, with nothing to download. Each
/// generator is its own command class, added to the list below.
/// </summary>
public static class DataCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("data", "Build data sets on this machine (no downloads).\n\nExample:\n  mote data synth-kws --out data/kws");

        // One line per generator.
        command.Subcommands.Add(DataSynthKwsCommand.Create(context));
        command.Subcommands.Add(DataSynthVibrationCommand.Create(context));
        return command;
    }
}
