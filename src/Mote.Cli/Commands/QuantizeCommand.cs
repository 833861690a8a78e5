using System.CommandLine;
using Mote.Analysis;
using Mote.Cli.Io;
using Mote.Compress;
using Mote.Compress.Qat;
using Mote.Compress.Quantization;
using Mote.Compress.Rewrites;
using Mote.Data;
using Mote.Graph;
using Mote.Runtime;
using Mote.TfLite;
using Mote.Train;
using Spectre.Console;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote quantize MODEL (--calibration DIR | --data DIR) [--method minmax|percentile|mse] [--qat --epochs N]
/// [--report] [--json] --out FILE`: graph rewrites (BatchNorm folding, activation fusion, identities), then int8
/// post-training quantization from calibration samples — or, with --qat, quantization-aware fine-tuning on labelled
/// data — then a before/after table of accuracy (with --data), file size, MACs and arena bytes, and with --report
/// the quantization debugger's per-layer errors, worst first.
/// </summary>
public static class QuantizeCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A float32 .tflite model file, or a run folder (its model.tflite)." };
        var calibration = new Option<string?>("--calibration") { Description = "Folder of calibration inputs: .npy (float32/64) or raw float32 .bin files of the input's size. Without it, --data's training images are used." };
        var samples = new Option<int>("--samples") { Description = "How many calibration samples to use at most.", DefaultValueFactory = _ => 100 };
        var method = new Option<CalibrationMethod>("--method") { Description = "How activation ranges are chosen: minmax, percentile or mse (MSE-optimal clipping).", DefaultValueFactory = _ => CalibrationMethod.MinMax };
        var percentile = new Option<double>("--percentile") { Description = "The percentile kept by --method percentile.", DefaultValueFactory = _ => CalibrationOptions.DefaultPercentile };
        var floatIo = new Option<bool>("--float-io") { Description = "Keep float32 inputs and outputs (QUANTIZE/DEQUANTIZE inside the model)." };
        var data = new Option<string?>("--data") { Description = "Labelled data as `mote train --data` reads it (IDX images or WAV class folders): its test split gives the accuracy row, its training split the data for --qat." };
        var qat = new Option<bool>("--qat") { Description = "Quantization-aware training: fine-tune with fake quantization on --data's training split before export." };
        var epochs = new Option<int>("--epochs") { Description = "Fine-tuning epochs for --qat.", DefaultValueFactory = _ => 2 };
        var trainSamples = new Option<int?>("--train-samples") { Description = "Fine-tune on at most this many training items (a seeded random subset)." };
        var testSamples = new Option<int?>("--test-samples") { Description = "Measure accuracy on at most this many test items." };
        var report = new Option<bool>("--report") { Description = "Print the quantization debugger: per layer SQNR, own SQNR, max error, clipping; worst first." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON (docs/quantization.md) instead of tables." };
        var output = new Option<string>("--out") { Description = "Where to write the int8 model (.tflite); written atomically.", Required = true };
        var command = new Command("quantize", "Quantize a float model to int8 (TFLite's int8 specification) by calibration or quantization-aware training.\n\nExample:\n  mote quantize model.tflite --calibration calibration/ --method mse --report --out model_int8.tflite\n  mote quantize model.tflite --data /usr/share/datasets/fashion-mnist --qat --epochs 2 --out model_int8.tflite")
        {
            model, calibration, samples, method, percentile, floatIo, data, qat, epochs, trainSamples, testSamples, report, json, output,
        };
        command.SetAction(parse => Run(context, new Request(
            parse.GetValue(model)!,
            parse.GetValue(calibration),
            parse.GetValue(samples),
            parse.GetValue(method),
            parse.GetValue(percentile),
            parse.GetValue(floatIo),
            parse.GetValue(data),
            parse.GetValue(qat),
            parse.GetValue(epochs),
            parse.GetValue(trainSamples),
            parse.GetValue(testSamples),
            parse.GetValue(report),
            parse.GetValue(json),
            parse.GetValue(output)!)));
        return command;
    }

    /// <summary>The int8 model against the simulation in integers, as one line; a model it does not cover is said so, not refused.</summary>
    private static string SimulationCheck(QatNetwork network, Model quantized, IReadOnlyList<float[]> samples)
    {
        const string Subject = "int8 model vs the simulation in integers";
        try
        {
            var agreement = QuantizationAwareTraining.Compare(network, quantized, samples);
            return agreement.MaxStepDifference == 0
                ? $"{Subject} on {agreement.Samples} calibration samples: every output value equal"
                : $"{Subject} on {agreement.Samples} calibration samples: {agreement.SameStep:P2} of output values equal, " +
                    $"at most {agreement.MaxStepDifference} step(s) apart, top-1 agreement {agreement.Top1Agreement:P2} (a Mote bug: please report it)";
        }
        catch (NotSupportedException e)
        {
            return $"{Subject}: not compared, {e.Message}";
        }
    }

    private static int Run(CliContext context, Request request)
    {
        try
        {
            return Quantize(context, request);
        }
        catch (InvalidDataFileException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static int Quantize(CliContext context, Request request)
    {
        Check(request);
        var path = RunFolder.ModelPath(request.Model);
        var floatModel = ModelLoader.Load(path);
        var graph = floatModel.Main;
        if (graph.Inputs.Count != 1 || graph.Tensors[graph.Inputs[0]].Type != DataType.Float32)
        {
            throw new InvalidModelException(path, "quantize takes a float32 model with one input");
        }

        var input = graph.Tensors[graph.Inputs[0]];
        var (train, test) = LabelledData(request, graph);
        var samples = request.Calibration is { } folder
            ? CalibrationFolder.Read(folder, input, request.Samples)
            : Items(train!, Subset(train!.Count, request.Samples, seed: 2));
        var options = new QuantizationOptions(FloatIo: request.FloatIo);
        Model reference, quantized;
        string? simulation = null;
        IReadOnlyList<string> changes;
        try
        {
            (reference, changes) = GraphRewriter.Simplify(floatModel);
            if (request.Qat)
            {
                var dataset = request.TrainSamples is { } limit ? train!.Subset(Subset(train!.Count, limit, seed: 1)) : train!;
                var network = QuantizationAwareTraining.FineTune(floatModel, dataset, samples, new QatOptions { Epochs = request.Epochs, Quantization = options });
                reference = network.FineTunedFloatModel();
                quantized = network.Export(samples.Count);
                simulation = SimulationCheck(network, quantized, samples);
            }
            else
            {
                var statistics = Calibrator.Calibrate(reference, samples, new CalibrationOptions(request.Method, request.Percentile));
                quantized = PostTrainingQuantizer.Quantize(reference, statistics, options);
            }
        }
        catch (NotSupportedException e)
        {
            throw new InvalidModelException(path, e.Message);
        }

        TfLiteWriter.WriteFile(quantized, request.Out);
        var testItems = test?.Subset(Subset(test.Count, request.TestSamples ?? test.Count, seed: 3));
        var rows = new List<Row>
        {
            new("file bytes", new FileInfo(path).Length, new FileInfo(request.Out).Length),
            new("MACs", CostModel.TotalMacs(graph), CostModel.TotalMacs(quantized.Main)),
            new("arena bytes", ArenaBytes(floatModel, path), ArenaBytes(quantized, request.Out)),
        };
        double? floatAccuracy = null, int8Accuracy = null;
        if (testItems is { Labels: { } labels })
        {
            floatAccuracy = ClassifierAccuracy.Measure(floatModel, Items(testItems), labels);
            int8Accuracy = ClassifierAccuracy.Measure(quantized, Items(testItems), labels);
        }

        var debug = request.Report ? QuantizationDebugger.Compare(reference, quantized, samples) : null;
        var how = request.Qat ? $"quantization-aware training, {request.Epochs} epoch(s)" : $"{request.Method.ToString().ToLowerInvariant()} calibration";
        if (request.Json)
        {
            context.Out.WriteLine(MoteJson.Serialize(new QuantizeJson(
                request.Out, request.Qat ? "qat" : request.Method.ToString().ToLowerInvariant(), samples.Count, changes, floatAccuracy, int8Accuracy, testItems?.Count,
                [.. rows.Select(r => new RowJson(r.Name.Replace(' ', '_').ToLowerInvariant(), r.Float, r.Int8))], debug)));
            return ExitCodes.Success;
        }

        foreach (var change in changes)
        {
            context.Out.WriteLine($"rewrite: {change}");
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"Quantized by {how}, {samples.Count} calibration samples");
        table.AddColumns("", "float32", "int8", "ratio");
        if (floatAccuracy is { } before && int8Accuracy is { } after)
        {
            table.AddRow($"accuracy ({testItems!.Count} test items)", $"{before:P2}", $"{after:P2}", $"{(after - before) * 100:+0.00;-0.00;0.00} pt");
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Name, row.Float.ToString("N0"), row.Int8.ToString("N0"), row.Float == 0 ? "" : $"{(double)row.Int8 / row.Float:F2}×");
        }

        context.Console.Write(table);
        if (simulation is not null)
        {
            context.Out.WriteLine(simulation);
        }

        if (debug is not null)
        {
            WriteReport(context, debug);
        }

        context.Out.WriteLine($"wrote {request.Out}");
        return ExitCodes.Success;
    }

    private static void Check(Request request)
    {
        if (request.Samples <= 0)
        {
            throw new UsageException($"--samples must be positive, got {request.Samples}");
        }

        if (request.Calibration is null && request.Data is null)
        {
            throw new UsageException("give calibration inputs with --calibration DIR, or labelled images with --data DIR");
        }

        if (request.Qat && request.Data is null)
        {
            throw new UsageException("--qat fine-tunes on labelled images: give --data DIR");
        }

        if (request.Qat && request.Method != CalibrationMethod.MinMax)
        {
            throw new UsageException("--method chooses post-training ranges; --qat learns them (drop one of the two)");
        }

        if (request.Percentile is <= 50 or > 100)
        {
            throw new UsageException($"--percentile must be above 50 and at most 100, got {request.Percentile}");
        }

        if (request.Epochs <= 0 || request.TrainSamples <= 0 || request.TestSamples <= 0)
        {
            throw new UsageException("--epochs, --train-samples and --test-samples must be positive");
        }
    }

    /// <summary>The --data folder's training and (when it has one) test split, checked against the model's input.</summary>
    private static (Dataset? Train, Dataset? Test) LabelledData(Request request, Subgraph graph)
    {
        var input = graph.Tensors[graph.Inputs[0]];
        if (request.Data is not { } folder)
        {
            return (null, null);
        }

        var data = TrainingData.Load(folder, validationFraction: 0, seed: 1);
        int[] itemShape = [1, .. data.Train.ItemShape];
        if (!input.Shape.Dimensions.AsSpan().SequenceEqual(itemShape))
        {
            throw new UsageException($"{folder}: items are [{string.Join(", ", data.Train.ItemShape)}] but {request.Model} takes {input.Shape}");
        }

        if (data.Train.Labels is null)
        {
            throw new UsageException($"{folder}: the data has no class labels; quantize measures and fine-tunes classifiers");
        }

        var classes = graph.Tensors[graph.Outputs[0]].Shape.ElementCount;
        if (data.Train.Labels.Concat(data.Test?.Labels ?? []).Any(label => label < 0 || label >= classes))
        {
            throw new UsageException($"{folder}: labels reach outside the model's {classes} outputs");
        }

        return (data.Train, data.Test);
    }

    private static void WriteReport(CliContext context, QuantizationReport report)
    {
        context.Out.WriteLine($"top-1 agreement with float on {report.Samples} calibration samples: {report.Top1Agreement:P2}; output SQNR {report.OutputSqnrDb:F1} dB");
        var table = new Table().Border(TableBorder.Rounded).Title("Per layer, worst first (own SQNR: the error the layer adds itself)");
        table.AddColumns("op", "type", "tensor", "SQNR dB", "own SQNR dB", "max |error|", "scale", "clipped");
        foreach (var layer in report.Layers)
        {
            table.AddRow(
                layer.Operator.ToString(),
                layer.OperatorType,
                Markup.Escape(layer.Tensor),
                layer.SqnrDb.ToString("F1"),
                layer.OwnSqnrDb.ToString("F1"),
                layer.MaxAbsError.ToString("G3"),
                layer.Scale.ToString("G3"),
                layer.ClippedFraction.ToString("P3"));
        }

        context.Console.Write(table);
    }

    /// <summary>The first <paramref name="take"/> of a seeded shuffle of <paramref name="count"/> indices.</summary>
    private static int[] Subset(int count, int take, ulong seed) => DataSplit.Create(count, 0, 0, seed).Train[..Math.Min(take, count)];

    private static List<float[]> Items(Dataset data, int[]? indices = null) =>
        [.. (indices ?? [.. Enumerable.Range(0, data.Count)]).Select(i => data.Inputs.AsSpan(i * data.ItemSize, data.ItemSize).ToArray())];

    private static long ArenaBytes(Model model, string path) =>
        ModelAnalyzer.Analyze(model, null, Interpreter.ScratchRequests(model, path)).ArenaBytes;

    private sealed record Request(
        string Model,
        string? Calibration,
        int Samples,
        CalibrationMethod Method,
        double Percentile,
        bool FloatIo,
        string? Data,
        bool Qat,
        int Epochs,
        int? TrainSamples,
        int? TestSamples,
        bool Report,
        bool Json,
        string Out);

    private sealed record Row(string Name, long Float, long Int8);

    private sealed record RowJson(string Name, long Float32, long Int8);

    private sealed record QuantizeJson(
        string Output,
        string Method,
        int CalibrationSamples,
        IReadOnlyList<string> Rewrites,
        double? FloatAccuracy,
        double? Int8Accuracy,
        int? TestImages,
        IReadOnlyList<RowJson> Sizes,
        QuantizationReport? Report);
}
