using Spectre.Console;

namespace Mote.Cli;

/// <summary>What a command may touch of the outside world: the console for tables and progress, and stdout/stderr text.</summary>
public sealed record CliContext(IAnsiConsole Console, TextWriter Out, TextWriter Error);
