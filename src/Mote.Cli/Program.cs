using Mote.Cli;
using Spectre.Console;

var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
if (Console.IsOutputRedirected)
{
    // Tables in logs and pipes should not wrap at the default 80 columns.
    console.Profile.Width = 200;
}

return MoteCli.Run(args, new CliContext(console, Console.Out, Console.Error));
