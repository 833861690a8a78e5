using System.CommandLine;
using Mote.Analysis;
using Mote.Cli.Io;
using Mote.Compress.Quantization;
using Mote.Graph;
using Mote.Runtime;
using Mote.TfLite;
using Spectre.Console;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote quantize MODEL --calibration DATA [--samples N] [--float-io] --out FILE`: int8 post-training quantization
/// of a float model from calibration samples, then a before/after table of file size, MACs and arena bytes.
/// </summary>
public static class QuantizeCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A float32 .tflite model file." };
        var calibration = new Option<string>("--calibration") { Description = "Folder of calibration inputs: .npy (float32/64) or raw float32 .bin files of the input's size.", Required = true };
        var samples = new Option<int>("--samples") { Description = "How many calibration samples to use at most.", DefaultValueFactory = _ => 100 };
        var floatIo = new Option<bool>("--float-io") { Description = "Keep float32 inputs and outputs (QUANTIZE/DEQUANTIZE inside the model)." };
        var output = new Option<string>("--out") { Description = "Where to write the int8 model (.tflite); written atomically.", Required = true };
        var command = new Command("quantize", "Quantize a float model to int8 (TFLite's int8 specification) from calibration data.\n\nExample:\n  mote quantize model.tflite --calibration calibration/ --samples 200 --out model_int8.tflite")
        {
            model,
            calibration,
            samples,
            floatIo,
            output,
        };
        command.SetAction(parse => Run(
            context,
            parse.GetValue(model)!,
            parse.GetValue(calibration)!,
            parse.GetValue(samples),
            parse.GetValue(floatIo),
            parse.GetValue(output)!));
        return command;
    }

    private static int Run(CliContext context, string path, string calibrationFolder, int maxSamples, bool floatIo, string target)
    {
        if (maxSamples <= 0)
        {
            throw new UsageException($"--samples must be positive, got {maxSamples}");
        }

        var floatModel = ModelLoader.Load(path);
        var graph = floatModel.Main;
        if (graph.Inputs.Count != 1 || graph.Tensors[graph.Inputs[0]].Type != DataType.Float32)
        {
            throw new InvalidModelException(path, "quantize takes a float32 model with one input");
        }

        var samples = CalibrationFolder.Read(calibrationFolder, graph.Tensors[graph.Inputs[0]], maxSamples);
        Model quantized;
        try
        {
            var statistics = Calibrator.Calibrate(floatModel, samples);
            quantized = PostTrainingQuantizer.Quantize(floatModel, statistics, new QuantizationOptions(FloatIo: floatIo));
        }
        catch (NotSupportedException e)
        {
            throw new InvalidModelException(path, e.Message);
        }

        TfLiteWriter.WriteFile(quantized, target);
        var table = new Table().Border(TableBorder.Rounded).Title($"Quantized with {samples.Count} calibration samples");
        table.AddColumns("", "float32", "int8", "ratio");
        void Row(string name, long before, long after) =>
            table.AddRow(name, before.ToString("N0"), after.ToString("N0"), before == 0 ? "" : $"{(double)after / before:F2}×");
        Row("file bytes", new FileInfo(path).Length, new FileInfo(target).Length);
        Row("MACs", CostModel.TotalMacs(graph), CostModel.TotalMacs(quantized.Main));
        Row("arena bytes", ArenaBytes(floatModel, path), ArenaBytes(quantized, target));
        context.Console.Write(table);
        context.Out.WriteLine($"wrote {target}");
        return ExitCodes.Success;
    }

    private static long ArenaBytes(Model model, string path) =>
        ModelAnalyzer.Analyze(model, null, Interpreter.ScratchRequests(model, path)).ArenaBytes;
}
