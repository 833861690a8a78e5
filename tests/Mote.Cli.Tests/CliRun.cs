using Mote.Cli;
using Spectre.Console;

namespace Mote.Cli.Tests;

/// <summary>Runs the whole CLI in-process with captured stdout and stderr.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var exitCode = MoteCli.Run(args, new CliContext(console, output, error));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
