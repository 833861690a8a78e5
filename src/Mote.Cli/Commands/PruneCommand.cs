using System.CommandLine;
using Mote.Cli.Io;
using Mote.Compress.Pruning;
using Mote.Data;
using Mote.TfLite;
using Mote.Train;
using Mote.Train.Export;
using Mote.Train.Optimizers;
using Mote.Train.Spec;
using Mote.Train.Training;
using Spectre.Console;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote prune RUN [--model SPEC] --data DIR (--sparsity S | --channels R) [--epochs N] --out DIR`: loads the trained
/// network of a `mote train` run folder (RUN/checkpoint.bin with the spec it was trained from, by default the copy in
/// RUN/model.json), prunes it by weight
/// magnitude on a polynomial schedule during fine-tuning, or removes whole channels and fine-tunes the smaller network,
/// then writes OUT/model.tflite and a before/after table.
/// </summary>
public static class PruneCommand
{
    // Magnitude pruning reaches its final sparsity after this share of the fine-tuning steps; the rest recovers accuracy
    // with the mask fixed.
    private const double PruningShare = 0.7;

    // Mask updates over the pruning phase.
    private const int MaskUpdates = 20;

    public static Command Create(CliContext context)
    {
        var run = new Argument<string>("run") { Description = "A `mote train` output folder (its checkpoint.bin is loaded)." };
        var model = new Option<string?>("--model") { Description = "The model spec the run was trained from (default: the copy the run saved, RUN/model.json)." };
        var data = new Option<string>("--data") { Description = "The training data folder (as for `mote train`); fine-tuning uses it and accuracy is measured on its test split (else validation).", Required = true };
        var sparsity = new Option<double?>("--sparsity") { Description = "Magnitude pruning: the fraction of Conv2D and Dense weights set to zero, e.g. 0.5." };
        var channels = new Option<double?>("--channels") { Description = "Channel pruning: the fraction of each layer's output channels removed, e.g. 0.3." };
        var criterion = new Option<string>("--criterion") { Description = "How channels are ranked: l1 (filter L1 norm) or bn_gamma (|γ| of the following BatchNorm).", DefaultValueFactory = _ => "l1" };
        var epochs = new Option<int>("--epochs") { Description = "Fine-tuning epochs (0 prunes at once without fine-tuning).", DefaultValueFactory = _ => 2 };
        var learningRate = new Option<float>("--learning-rate") { Description = "Peak learning rate of the fine-tuning (cosine decay).", DefaultValueFactory = _ => 5e-4f };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the data split (use the run's) and of shuffling.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output folder for the pruned model.", Required = true };
        var command = new Command("prune", "Prune a trained model (weights by magnitude, or whole channels) and fine-tune it.\n\nExample:\n  mote prune runs/fashion --data /usr/share/datasets/fashion-mnist --channels 0.3 --epochs 1 --out runs/fashion_pruned")
        {
            run,
            model,
            data,
            sparsity,
            channels,
            criterion,
            epochs,
            learningRate,
            seed,
            output,
        };
        command.SetAction(parse =>
        {
            try
            {
                return Run(context, new Request(
                    parse.GetValue(run)!,
                    parse.GetValue(model),
                    parse.GetValue(data)!,
                    parse.GetValue(sparsity),
                    parse.GetValue(channels),
                    parse.GetValue(criterion)!,
                    parse.GetValue(epochs),
                    parse.GetValue(learningRate),
                    parse.GetValue(seed),
                    parse.GetValue(output)!));
            }
            catch (InvalidDataFileException e)
            {
                throw new UsageException(e.Message);
            }
        });
        return command;
    }

    private static int Run(CliContext context, Request request)
    {
        var (magnitude, criterion) = Check(request);
        var specPath = RunFolder.FindSpec(request.Run, request.Spec);
        var spec = ModelSpec.Load(specPath);
        var data = TrainingData.Load(request.Data, spec.ValidationFraction, request.Seed);
        if (!data.Train.ItemShape.SequenceEqual(spec.InputShape))
        {
            throw new UsageException($"{request.Data}: items have shape [{string.Join(", ", data.Train.ItemShape)}] but {specPath} expects [{string.Join(", ", spec.InputShape)}]");
        }

        var checkpoint = Path.Combine(request.Run, RunFolder.CheckpointFile);
        if (!File.Exists(checkpoint))
        {
            throw new UsageException($"{checkpoint}: no checkpoint (prune takes the folder `mote train --out` wrote)");
        }

        var network = spec.Build(request.Seed);
        Checkpoint.Load(checkpoint, network, spec.CreateOptimizer());
        var (evaluation, evaluationName) = data.Test is { } test ? (test, "test") : data.Validation is { } validation ? (validation, "validation") : (data.Train, "train");
        var before = CompressionTable.Measure(data.Annotate(ModelExporter.Export(network)), checkpoint, CompressionTable.Accuracy(network, evaluation));

        var options = spec.CreateOptions(request.Epochs, request.Seed, null) with { Schedule = new CosineSchedule(request.LearningRate) };
        var steps = (long)request.Epochs * ((data.Train.Count + options.BatchSize - 1) / options.BatchSize);
        MagnitudePruner? pruner = null;
        if (magnitude)
        {
            var end = (long)Math.Round(PruningShare * steps);
            pruner = new MagnitudePruner(network, new PolynomialSparsitySchedule(request.Sparsity!.Value, 0, end, Math.Max(1, end / MaskUpdates)));
            if (steps == 0)
            {
                pruner.Prune(request.Sparsity.Value);
            }

            options = options with { AfterStep = pruner.Step };
        }
        else
        {
            var plan = ChannelPlan.Create(network, request.Channels!.Value, criterion);
            network = ChannelPruner.Prune(network, plan);
            WritePlan(context, plan);
            context.Out.WriteLine($"accuracy ({evaluationName}) right after channel pruning: {CompressionTable.Accuracy(network, evaluation):P2}");
        }

        var trainer = new Trainer(network, spec.CreateLoss(), spec.CreateOptimizer(), options);
        trainer.Fit(data.Train, data.Validation, progress =>
        {
            if (progress.Completed is { } epoch)
            {
                context.Out.WriteLine($"fine-tuning epoch {epoch.Epoch + 1}/{progress.Epochs}: train loss {epoch.TrainLoss:F4}, validation accuracy {epoch.ValidationAccuracy:P2}" +
                    (pruner is null ? "" : $", sparsity {pruner.Sparsity:P1}"));
            }
        });

        Directory.CreateDirectory(request.Output);
        var target = Path.Combine(request.Output, RunFolder.ModelFile);
        var pruned = data.Annotate(ModelExporter.Export(network));
        TfLiteWriter.WriteFile(pruned, target);
        var after = CompressionTable.Measure(pruned, target, CompressionTable.Accuracy(network, evaluation));
        var title = magnitude ? $"Magnitude pruning to {pruner!.Sparsity:P1} sparsity, {request.Epochs} fine-tuning epochs" : $"Channel pruning of {request.Channels:P0}, {request.Epochs} fine-tuning epochs";
        CompressionTable.Write(context, title, evaluationName, ("before", before), ("pruned", after));
        if (magnitude)
        {
            // TFLite has no sparse format TFLM runs, so zeros only pay off when the model is stored compressed.
            context.Out.WriteLine("zeros do not shrink a .tflite or its MACs; they compress (e.g. gzip) and suit sparse kernels. Use --channels to make the model itself smaller.");
        }

        context.Out.WriteLine($"wrote {target}");
        return ExitCodes.Success;
    }

    private static (bool Magnitude, ChannelCriterion Criterion) Check(Request request)
    {
        if (request.Sparsity is null == request.Channels is null)
        {
            throw new UsageException("give exactly one of --sparsity (magnitude pruning) and --channels (channel pruning)");
        }

        if (request.Sparsity is { } s && s is not (> 0 and < 1))
        {
            throw new UsageException($"--sparsity must be between 0 and 1, not {s}");
        }

        if (request.Channels is { } c && c is not (> 0 and < 1))
        {
            throw new UsageException($"--channels must be between 0 and 1, not {c}");
        }

        if (request.Epochs < 0 || !(request.LearningRate > 0))
        {
            throw new UsageException("--epochs must not be negative and --learning-rate must be positive");
        }

        var criterion = request.Criterion switch
        {
            "l1" => ChannelCriterion.L1Norm,
            "bn_gamma" => ChannelCriterion.BatchNormGamma,
            _ => throw new UsageException($"--criterion must be l1 or bn_gamma, not {request.Criterion}"),
        };
        return (request.Sparsity is not null, criterion);
    }

    private static void WritePlan(CliContext context, ChannelPlan plan)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Channels kept");
        table.AddColumns("layers", "before", "after");
        foreach (var group in plan.Groups)
        {
            table.AddRow(Markup.Escape(string.Join(" + ", group.Layers)), group.Channels.ToString(), group.Kept is null ? $"{group.Channels} (fixed)" : group.KeptChannels.ToString());
        }

        context.Console.Write(table);
    }

    private sealed record Request(string Run, string? Spec, string Data, double? Sparsity, double? Channels, string Criterion, int Epochs, float LearningRate, ulong Seed, string Output);
}
