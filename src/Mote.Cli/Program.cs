using Mote.Cli;
using Spectre.Console;

var redirected = Console.IsOutputRedirected;
var console = AnsiConsole.Create(new AnsiConsoleSettings
{
    Out = new AnsiConsoleOutput(Console.Out),
    // Logs and pipes get plain text: no escape codes, and tables that do not wrap at the default 80 columns.
    Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
});
if (redirected)
{
    console.Profile.Width = 200;
}

return MoteCli.Run(args, new CliContext(console, Console.Out, Console.Error));
