using System.CommandLine;
using Mote.Cli.Commands;
using Mote.Data;
using Mote.Graph;

namespace Mote.Cli;

/// <summary>The root command: wires every subcommand and maps failures to the CLI contract's exit codes.</summary>
public static class MoteCli
{
    public static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand("Mote: a TinyML toolchain — from data to a model that fits a microcontroller.");
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(InspectCommand.Create(context));
        root.Subcommands.Add(ConvertCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(TrainCommand.Create(context));
        root.Subcommands.Add(AnalyzeCommand.Create(context));
        root.Subcommands.Add(TargetsCommand.Create(context));
        root.Subcommands.Add(CodegenCommand.Create(context));
        root.Subcommands.Add(DeployCommand.Create(context));
        root.Subcommands.Add(FuzzCommand.Create(context));
        root.Subcommands.Add(QuantizeCommand.Create(context));
        root.Subcommands.Add(PruneCommand.Create(context));
        root.Subcommands.Add(DistillCommand.Create(context));
        root.Subcommands.Add(DataCommand.Create(context));
        root.Subcommands.Add(EvalCommand.Create(context));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                context.Error.WriteLine($"mote: {error.Message}");
            }

            context.Error.WriteLine("Run 'mote --help' for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is InvalidModelException or InvalidDataFileException or UsageException)
        {
            // Bad input: one line naming the file and the problem.
            context.Error.WriteLine($"mote: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The file system refused (disk full, no permission): the job failed, the message says why.
            context.Error.WriteLine($"mote: {e.Message}");
            return ExitCodes.JobFailed;
        }
        catch (Exception e)
        {
            // Anything else is a bug in Mote: say so plainly and keep the details for the report.
            context.Error.WriteLine($"mote: internal error, please report it: {e}");
            return ExitCodes.JobFailed;
        }
    }
}
