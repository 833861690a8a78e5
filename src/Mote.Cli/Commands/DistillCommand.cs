using System.CommandLine;
using System.Diagnostics;
using Mote.Cli.Io;
using Mote.Compress.Distillation;
using Mote.Data;
using Mote.Graph;
using Mote.TfLite;
using Mote.Train;
using Mote.Train.Export;
using Mote.Train.Spec;
using Mote.Train.Training;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote distill --teacher MODEL --student SPEC --data DIR [--temperature T] [--alpha A] [--epochs N] --out DIR [--resume]`:
/// runs the float teacher once over the data in Mote's interpreter, trains the student spec against its softened
/// logits plus the hard labels, and writes OUT/model.tflite, OUT/checkpoint.bin (after every epoch; also so that
/// `mote prune` can take the folder) and a teacher/student table. OUT also keeps the student's spec (OUT/model.json),
/// as a `mote train` run does, and the distillation's settings (OUT/distill.json), which --resume must match.
/// </summary>
public static class DistillCommand
{
    public static Command Create(CliContext context)
    {
        var teacher = new Option<string>("--teacher") { Description = "The teacher: a float32 .tflite classifier (logits or softmax output), or a run folder (its model.tflite).", Required = true };
        var student = new Option<string?>("--student") { Description = "The student's model spec (JSON), with its training recipe, or a run folder (the spec it saved, model.json). With --resume it may be left out (OUT/model.json is used)." };
        var data = new Option<string>("--data") { Description = "The training data folder (as for `mote train`).", Required = true };
        var temperature = new Option<float>("--temperature") { Description = "Softens teacher and student outputs; higher shows more of the teacher's view of the wrong classes.", DefaultValueFactory = _ => 1f };
        var alpha = new Option<float>("--alpha") { Description = "Weight of the teacher's soft targets (1 - alpha goes to the labels).", DefaultValueFactory = _ => 0.5f };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs to train (default: the spec's, else 10)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed for the student's weights, the data split, shuffling and dropout.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output folder for the student's checkpoint and model.", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue from OUT/checkpoint.bin with the same teacher and settings; the result is bit-identical to an uninterrupted run." };
        var command = new Command("distill", "Train a small student model from a larger teacher's outputs (knowledge distillation).\n\nExample:\n  mote distill --teacher runs/fashion/model.tflite --student student.json --data /usr/share/datasets/fashion-mnist --epochs 3 --out runs/student")
        {
            teacher,
            student,
            data,
            temperature,
            alpha,
            epochs,
            seed,
            output,
            resume,
        };
        command.SetAction(parse =>
        {
            try
            {
                return Run(context, new Request(
                    parse.GetValue(teacher)!,
                    parse.GetValue(student),
                    parse.GetValue(data)!,
                    parse.GetValue(temperature),
                    parse.GetValue(alpha),
                    parse.GetValue(epochs),
                    parse.GetValue(seed),
                    parse.GetValue(output)!,
                    parse.GetValue(resume)));
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
        var (temperature, alpha, seed, outputFolder) = (request.Temperature, request.Alpha, request.Seed, request.Output);
        if (!(temperature > 0) || float.IsInfinity(temperature) || alpha is < 0 or > 1 || float.IsNaN(alpha))
        {
            throw new UsageException($"--temperature must be positive and --alpha in [0, 1] (got {temperature} and {alpha})");
        }

        var givenSpec = request.Student is { } named && Directory.Exists(named) ? RunFolder.FindSpec(named, null) : request.Student;
        var specPath = RunFolder.SpecToTrain(outputFolder, givenSpec, request.Resume, "--student");
        var checkpoint = Path.Combine(outputFolder, RunFolder.CheckpointFile);
        var teacherPath = RunFolder.ModelPath(request.Teacher);
        var teacher = ModelLoader.Load(teacherPath);
        var settings = DistillSettings.For(teacherPath, temperature, alpha, seed);
        if (request.Resume)
        {
            settings.CheckSameAsSaved(outputFolder);
        }

        var spec = ModelSpec.Load(specPath);
        var data = TrainingData.Load(request.Data, spec.ValidationFraction, seed);
        if (!data.Train.ItemShape.SequenceEqual(spec.InputShape))
        {
            throw new UsageException($"{request.Data}: items have shape [{string.Join(", ", data.Train.ItemShape)}] but {specPath} expects [{string.Join(", ", spec.InputShape)}]");
        }

        var clock = Stopwatch.StartNew();
        Dataset WithTeacher(Dataset d) => new(d.Inputs, d.ItemShape, d.Labels, TeacherLogits.Compute(teacher, teacherPath, d));
        var train = WithTeacher(data.Train);
        var validation = data.Validation is null ? null : WithTeacher(data.Validation);
        var (evaluation, evaluationName) = data.Test is { } test ? (test, "test") : data.Validation is { } v ? (v, "validation") : (data.Train, "train");
        var teacherAccuracy = CompressionTable.Accuracy(TeacherLogits.Compute(teacher, teacherPath, evaluation), evaluation);
        context.Out.WriteLine($"teacher logits for {train.Count + (validation?.Count ?? 0) + evaluation.Count} items in {clock.Elapsed.TotalSeconds:F1} s");

        Directory.CreateDirectory(outputFolder);
        RunFolder.SaveSpec(outputFolder, specPath);
        settings.Save(outputFolder);
        var network = spec.Build(seed);
        var loss = new DistillationLoss(temperature, alpha);
        var options = spec.CreateOptions(request.Epochs, seed, checkpoint);
        if (options.Augmentation is not null)
        {
            // The teacher's logits were computed once, on the items as stored; a shifted or flipped input would be
            // trained towards soft targets that describe another image, so the student sees the items unaugmented.
            options = options with { Augmentation = null };
            context.Out.WriteLine($"{specPath}: augmentation is off while distilling (the teacher's logits are for the unaugmented items)");
        }

        var trainer = new Trainer(network, loss, spec.CreateOptimizer(), options);
        if (request.Resume)
        {
            trainer.Resume(checkpoint);
            context.Out.WriteLine($"resuming after epoch {trainer.State.EpochsDone} of {options.Epochs}");
        }

        trainer.Fit(train, validation, progress =>
        {
            if (progress.Completed is { } epoch)
            {
                context.Out.WriteLine($"epoch {epoch.Epoch + 1}/{progress.Epochs}: distillation loss {epoch.TrainLoss:F4}, validation accuracy {epoch.ValidationAccuracy:P2}");
            }
        });

        var target = Path.Combine(outputFolder, RunFolder.ModelFile);
        var studentModel = data.Annotate(ModelExporter.Export(network));
        TfLiteWriter.WriteFile(studentModel, target);
        CompressionTable.Write(
            context,
            $"Distilled at temperature {temperature}, alpha {alpha}",
            evaluationName,
            ("teacher", CompressionTable.Measure(teacher, teacherPath, teacherAccuracy)),
            ("student", CompressionTable.Measure(studentModel, target, CompressionTable.Accuracy(network, evaluation))));
        context.Out.WriteLine($"wrote {target}");
        return ExitCodes.Success;
    }

    private sealed record Request(string Teacher, string? Student, string Data, float Temperature, float Alpha, int? Epochs, ulong Seed, string Output, bool Resume);
}
