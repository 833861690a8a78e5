using System.CommandLine;
using Mote.Graph;
using Mote.TfLite.Fuzzing;
using Spectre.Console;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote fuzz MODEL... [--count N] [--seed S] [--save DIR]`: mutates the models (bit flips, extreme lengths,
/// splices, truncations) and checks that the reader and writer either accept each variant or reject it with a
/// clear error — never crash. The long form of the fuzz test CI runs; exit code 1 when any variant crashed.
/// </summary>
public static class FuzzCommand
{
    public static Command Create(CliContext context)
    {
        var models = new Argument<string[]>("models") { Description = "Model files to mutate (the corpus).", Arity = ArgumentArity.OneOrMore };
        var count = new Option<int>("--count") { Description = "How many variants to try.", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "Seed; variant i of a seed is the same on every machine.", DefaultValueFactory = _ => 1 };
        var save = new Option<string?>("--save") { Description = "Folder to write each crashing variant to, for reproduction." };
        var command = new Command("fuzz", "Mutation-fuzz the TFLite reader and writer with variants of the given models.\n\nExample:\n  mote fuzz model.tflite --count 1000000 --seed 7")
        {
            models,
            count,
            seed,
            save,
        };
        command.SetAction(parse => Run(context, parse.GetValue(models)!, parse.GetValue(count), parse.GetValue(seed), parse.GetValue(save)));
        return command;
    }

    private static int Run(CliContext context, string[] paths, int count, int seed, string? saveDirectory)
    {
        if (count <= 0)
        {
            throw new UsageException($"--count must be positive, not {count}");
        }

        foreach (var path in paths.Where(p => !File.Exists(p)))
        {
            throw new InvalidModelException(path, "no such file");
        }

        var fuzzer = ModelFuzzer.FromFiles(paths);
        FuzzReport report = null!;
        context.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask($"fuzzing {paths.Length} model(s), seed {seed}", maxValue: count);
                report = fuzzer.Run(seed, count, new ImmediateProgress(done => task.Value = done));
                task.Value = count;
            });

        context.Out.WriteLine($"{report.Variants:N0} variants, {report.Accepted:N0} still read as models, {report.Failures.Count} crashed");
        foreach (var failure in report.Failures)
        {
            context.Out.WriteLine(failure.ToString());
            if (saveDirectory is not null)
            {
                Directory.CreateDirectory(saveDirectory);
                var (_, _, bytes) = fuzzer.Variant(failure.Seed, failure.Variant);
                AtomicFile.WriteAllBytes(Path.Combine(saveDirectory, $"seed{failure.Seed}-variant{failure.Variant}.tflite"), bytes);
            }
        }

        return report.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.JobFailed;
    }

    /// <summary>Reports on the calling thread: <see cref="Progress{T}"/> would post updates that can land after the bar is done.</summary>
    private sealed class ImmediateProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
