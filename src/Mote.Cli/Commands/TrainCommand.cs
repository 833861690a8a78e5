using System.CommandLine;
using Mote.Cli.Io;
using Mote.Data;
using Mote.Graph;
using Mote.TfLite;
using Mote.Train;
using Mote.Train.Export;
using Mote.Train.Spec;
using Mote.Train.Training;
using Spectre.Console;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote train --model SPEC --data DIR --epochs N --out DIR [--resume] [--seed N] [--max-memory MB]`: trains the spec's
/// network on the data of <see cref="TrainingData.Open"/> (IDX images or WAV clips; streamed from disk when larger than
/// the memory budget), writing the files of <see cref="RunFolder"/>: OUT/model.json
/// (the spec, copied at the start), OUT/train.jsonl (one JSON line per epoch), OUT/checkpoint.bin after every epoch and
/// OUT/model.tflite (float32, BatchNorm folded) at the end.
/// </summary>
public static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string?>("--model") { Description = "Model spec (JSON): an architecture or a layer list, and a training recipe; copied to OUT/model.json. With --resume it may be left out (OUT/model.json is used) and must otherwise be identical to it." };
        var data = new Option<string>("--data") { Description = "Folder with train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz] (t10k-* optional, for a test score), or WAV clips as CLASS/*.wav or {train,validation,test}/CLASS/*.wav (features from FOLDER/front_end.json, default micro_speech, stored in the model).", Required = true };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs to train (default: the spec's, else 10)." };
        var output = new Option<string>("--out") { Description = "Output folder for the log, checkpoint and model.", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue from OUT/checkpoint.bin; the result is bit-identical to an uninterrupted run." };
        var seed = new Option<ulong>("--seed") { Description = "Seed for weights, shuffling and dropout.", DefaultValueFactory = _ => 1 };
        var maxMemory = new Option<long?>("--max-memory") { Description = "Megabytes the data set may take in memory (default: half the memory available); larger IDX or WAV data is cached as features in OUT and streamed from disk, with the same result." };
        var command = new Command("train", "Train a model on a data set and export it as .tflite.\n\nExample:\n  mote train --model examples/fashion_cnn.json --data /usr/share/datasets/fashion-mnist --epochs 5 --out runs/fashion")
        {
            model,
            data,
            epochs,
            output,
            resume,
            seed,
            maxMemory,
        };
        command.SetAction(parse => Run(context, parse.GetValue(model), parse.GetValue(data)!, parse.GetValue(epochs), parse.GetValue(output)!, parse.GetValue(resume), parse.GetValue(seed), parse.GetValue(maxMemory)));
        return command;
    }

    private static int Run(CliContext context, string? specPath, string dataFolder, int? epochs, string outputFolder, bool resume, ulong seed, long? maxMemory)
    {
        if (maxMemory < 0)
        {
            throw new UsageException($"--max-memory must be at least 0 megabytes, not {maxMemory}");
        }

        // Half of what the runtime may use leaves room for the network, its activations and the batch.
        var memoryBudget = maxMemory is { } megabytes ? Math.Min(megabytes, long.MaxValue / 1048576) * 1048576 : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;
        try
        {
            return Train(context, specPath, dataFolder, epochs, outputFolder, resume, seed, memoryBudget);
        }
        catch (InvalidDataFileException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static int Train(CliContext context, string? givenSpec, string dataFolder, int? epochs, string outputFolder, bool resume, ulong seed, long memoryBudget)
    {
        var specPath = RunFolder.SpecToTrain(outputFolder, givenSpec, resume, "--model");
        var checkpoint = Path.Combine(outputFolder, RunFolder.CheckpointFile);
        var spec = ModelSpec.Load(specPath);
        Directory.CreateDirectory(outputFolder);
        using var data = TrainingData.Open(dataFolder, spec.ValidationFraction, seed, memoryBudget, outputFolder, spec.AudioAugmentation);
        var (train, validation) = (data.Train, data.Validation);
        if (!train.ItemShape.SequenceEqual(spec.InputShape))
        {
            throw new UsageException($"{dataFolder}: items have shape [{string.Join(", ", train.ItemShape)}] but {specPath} expects [{string.Join(", ", spec.InputShape)}]");
        }

        context.Out.WriteLine($"data: {train.Count} training items, {data.Storage}");
        RunFolder.SaveSpec(outputFolder, specPath);
        var network = spec.Build(seed);
        var trainer = new Trainer(network, spec.CreateLoss(), spec.CreateOptimizer(), spec.CreateOptions(epochs, seed, checkpoint));
        if (resume)
        {
            trainer.Resume(checkpoint);
        }

        using var log = TrainingLog.Open(Path.Combine(outputFolder, RunFolder.LogFile), trainer.State.History);
        TrainingResult result = null!;
        context.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                ProgressTask? task = null;
                result = trainer.Fit(train, validation, report =>
                {
                    task ??= progress.AddTask("training", maxValue: (double)report.Epochs * report.Batches);
                    task.Value = (double)report.Epoch * report.Batches + report.Batch;
                    task.Description = $"epoch {report.Epoch + 1}/{report.Epochs} loss {report.BatchLoss:F4}";
                    if (report.Completed is { } epoch)
                    {
                        log.Append(epoch);
                    }
                });
            });

        var modelPath = Path.Combine(outputFolder, RunFolder.ModelFile);
        TfLiteWriter.WriteFile(data.Annotate(ModelExporter.Export(network)), modelPath);
        // The checkpoint's history: a resume with no epochs left still reports the last one.
        var last = trainer.State.History.Count > 0 ? trainer.State.History[^1] : null;
        // Autoencoders have no accuracy: their validation score is the loss.
        var validationScore = last?.ValidationAccuracy is { } accuracy ? $", validation accuracy {accuracy:P2}"
            : last?.ValidationLoss is { } loss ? $", validation loss {loss:F4}" : "";
        context.Out.WriteLine($"trained {trainer.State.EpochsDone} epochs{(result.StoppedEarly ? " (stopped early)" : "")}; " +
            (last is null ? "" : $"train loss {last.TrainLoss:F4}{validationScore}; ") + $"model: {modelPath}");
        if (data.Test is not null)
        {
            var test = trainer.Evaluate(data.Test);
            context.Out.WriteLine($"test accuracy {test.Accuracy:P2}, loss {test.Loss:F4}");
        }

        return ExitCodes.Success;
    }
}
