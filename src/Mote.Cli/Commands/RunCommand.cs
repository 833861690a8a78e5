using System.CommandLine;
using System.Diagnostics;
using Mote.Cli.Io;
using Mote.Graph;
using Mote.Runtime;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote run MODEL --input FILE... --output FILE...`: one inference. Inputs and outputs are raw little-endian tensor
/// bytes in the model's tensor order (or .npy files, by extension); variable tensors start at zero, as on a fresh
/// TFLM interpreter. `--json` prints the outputs (and their real values when quantized) for people.
/// </summary>
public static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A .tflite model file." };
        var inputs = new Option<string[]>("--input")
        {
            Description = "Input tensor bytes (raw little-endian, or .npy); once per model input, in order.",
            AllowMultipleArgumentsPerToken = false,
        };
        var outputs = new Option<string[]>("--output") { Description = "Where to write each output tensor (raw bytes, or .npy by extension), in order." };
        var json = new Option<bool>("--json") { Description = "Print the outputs as JSON (docs/json/run.md)." };
        var command = new Command("run", "Run one inference with Mote's interpreter (bit-exact with TFLM's reference kernels).\n\nExample:\n  mote run model.tflite --input in.bin --output out.bin")
        {
            model,
            inputs,
            outputs,
            json,
        };
        command.SetAction(parse => Run(
            context,
            parse.GetValue(model)!,
            parse.GetValue(inputs) ?? [],
            parse.GetValue(outputs) ?? [],
            parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string modelPath, string[] inputPaths, string[] outputPaths, bool json)
    {
        var interpreter = Interpreter.Create(ModelLoader.Load(modelPath), modelPath);
        if (inputPaths.Length != interpreter.Inputs.Count)
        {
            throw new UsageException($"{modelPath} has {interpreter.Inputs.Count} input(s) ({Describe(interpreter.Inputs)}); got {inputPaths.Length} --input");
        }

        if (outputPaths.Length != interpreter.Outputs.Count && !(json && outputPaths.Length == 0))
        {
            throw new UsageException($"{modelPath} has {interpreter.Outputs.Count} output(s) ({Describe(interpreter.Outputs)}); got {outputPaths.Length} --output (or use --json)");
        }

        for (var i = 0; i < inputPaths.Length; i++)
        {
            interpreter.SetInput(i, ReadInput(inputPaths[i], interpreter.Inputs[i]));
        }

        interpreter.ResetVariables();
        var clock = Stopwatch.StartNew();
        interpreter.Invoke();
        var elapsed = clock.Elapsed;

        for (var i = 0; i < outputPaths.Length; i++)
        {
            var info = interpreter.Outputs[i];
            if (NpyFile.IsNpyPath(outputPaths[i]))
            {
                NpyFile.Write(outputPaths[i], info.Type, info.Shape, interpreter.GetOutput(i));
            }
            else
            {
                AtomicFile.WriteAllBytes(outputPaths[i], interpreter.GetOutput(i).ToArray());
            }
        }

        if (json)
        {
            var report = new RunReport(
                elapsed.TotalMicroseconds,
                interpreter.Outputs.Select((info, i) => OutputValues.Create(info, interpreter.GetOutput(i))).ToList());
            context.Out.WriteLine(MoteJson.Serialize(report));
        }

        return ExitCodes.Success;
    }

    private static byte[] ReadInput(string path, TensorInfo tensor)
    {
        if (!File.Exists(path))
        {
            throw new InvalidModelException(path, "no such file");
        }

        if (NpyFile.IsNpyPath(path))
        {
            var (type, shape, data) = NpyFile.Read(path, tensor.ByteSize);
            if (type != tensor.Type || shape.ElementCount != tensor.Shape.ElementCount)
            {
                throw new InvalidModelException(path, $"holds {type.TfLiteName().ToLowerInvariant()}{shape} but input '{tensor.Name}' is {Describe(tensor)}");
            }

            return data;
        }

        var length = new FileInfo(path).Length;
        if (length != tensor.ByteSize)
        {
            throw new InvalidModelException(path, $"holds {length} bytes but input '{tensor.Name}' ({Describe(tensor)}) needs exactly {tensor.ByteSize}");
        }

        return File.ReadAllBytes(path);
    }

    private static string Describe(TensorInfo tensor) => $"{tensor.Type.TfLiteName().ToLowerInvariant()}{tensor.Shape}";

    private static string Describe(IReadOnlyList<TensorInfo> tensors) => string.Join(", ", tensors.Select(Describe));
}

/// <summary>The JSON of `mote run --json`.</summary>
public sealed record RunReport(double InvokeMicroseconds, IReadOnlyList<OutputValues> Outputs);

/// <summary>One output: its raw values, and for quantized tensors the real values scale × (q − zero_point).</summary>
public sealed record OutputValues(string Name, string Dtype, IReadOnlyList<int> Shape, IReadOnlyList<double> Values, IReadOnlyList<double>? Dequantized)
{
    public static OutputValues Create(TensorInfo info, ReadOnlySpan<byte> bytes)
    {
        var values = TensorValues.ToDoubles(info.Type, bytes);
        IReadOnlyList<double>? real = null;
        if (info.Quantization is { HasScales: true, IsPerChannel: false } q)
        {
            real = values.Select(v => q.Scales[0] * (v - q.ZeroPoints[0])).ToList();
        }

        return new OutputValues(info.Name, info.Type.TfLiteName().ToLowerInvariant(), [.. info.Shape.Dimensions], values, real);
    }
}
