using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Mote.Cli.Io;
using Mote.Data;
using Mote.Data.Audio;
using Mote.Graph;
using Mote.Runtime;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote run MODEL --input FILE... --output FILE...`: one inference. Inputs and outputs are raw little-endian tensor
/// bytes in the model's tensor order (or .npy files, by extension); variable tensors start at zero, as on a fresh
/// TFLM interpreter. `--json` prints the outputs (and their real values when quantized) for people.
/// `mote run MODEL --wav FILE [--front-end NAME]` instead computes the single input from audio with a feature front end
/// (<see cref="AudioFrontEnd"/>): the one named, else the one stored in the model's <c>mote.front_end</c> metadata.
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
        var wav = new Option<string>("--wav")
        {
            Description = "Compute the model's one input from a WAV file (16-bit PCM mono at the front end's rate) instead of --input.",
        };
        var frontEnd = new Option<string>("--front-end")
        {
            Description = $"Feature front end for --wav: {AudioFrontEnd.MicroSpeechKind} (TFLM micro-speech features of a 1 s clip; shorter clips are zero-padded, longer ones truncated). Default: the model's {AudioFrontEnd.MetadataKey} metadata.",
        };
        var json = new Option<bool>("--json") { Description = "Print the outputs as JSON (docs/json/run.md)." };
        var command = new Command("run", "Run one inference with Mote's interpreter (bit-exact with TFLM's reference kernels).\n\nExample:\n  mote run model.tflite --input in.bin --output out.bin\n  mote run micro_speech.tflite --wav yes.wav --front-end micro_speech --json")
        {
            model,
            inputs,
            outputs,
            wav,
            frontEnd,
            json,
        };
        command.SetAction(parse => Run(
            context,
            parse.GetValue(model)!,
            parse.GetValue(inputs) ?? [],
            parse.GetValue(outputs) ?? [],
            parse.GetValue(wav),
            parse.GetValue(frontEnd),
            parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string modelPath, string[] inputPaths, string[] outputPaths, string? wavPath, string? frontEndName, bool json)
    {
        if (wavPath is not null && inputPaths.Length > 0)
        {
            throw new UsageException("--wav and --input are exclusive: --wav computes the model's input from audio");
        }

        if (frontEndName is not null && wavPath is null)
        {
            throw new UsageException("--front-end applies to --wav only");
        }

        var graph = ModelLoader.Load(modelPath);
        var interpreter = Interpreter.Create(graph, modelPath);
        if (wavPath is not null)
        {
            if (interpreter.Inputs.Count != 1)
            {
                throw new UsageException($"--wav feeds one input, but {modelPath} has {interpreter.Inputs.Count} ({Describe(interpreter.Inputs)})");
            }

            interpreter.SetInput(0, WavFeatures(wavPath, FrontEnd(graph, modelPath, frontEndName), interpreter.Inputs[0]));
        }
        else if (inputPaths.Length != interpreter.Inputs.Count)
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

    /// <summary>The front end named on the command line, else the one in the model's metadata.</summary>
    private static AudioFrontEnd FrontEnd(Model graph, string modelPath, string? name)
    {
        if (name is not null)
        {
            return AudioFrontEnd.TryFromName(name, out var named)
                ? named
                : throw new UsageException($"unknown front end '{name}' (known: {AudioFrontEnd.MicroSpeechKind})");
        }

        foreach (var entry in graph.Metadata)
        {
            if (entry.Name == AudioFrontEnd.MetadataKey)
            {
                return AudioFrontEnd.FromJson(entry.Data.AsSpan(), $"{modelPath}: metadata {AudioFrontEnd.MetadataKey}");
            }
        }

        throw new UsageException($"{modelPath} stores no front end (metadata {AudioFrontEnd.MetadataKey}); name one with --front-end {AudioFrontEnd.MicroSpeechKind}");
    }

    /// <summary>The front end's features of a WAV clip as the bytes of <paramref name="tensor"/> (int8 or float32).</summary>
    private static byte[] WavFeatures(string path, AudioFrontEnd frontEnd, TensorInfo tensor)
    {
        if (!File.Exists(path))
        {
            throw new InvalidModelException(path, "no such file");
        }

        if (tensor.Shape.ElementCount != frontEnd.FeatureCount)
        {
            throw new InvalidModelException(path, $"front end {frontEnd.Kind} gives {frontEnd.Frames}×{frontEnd.MicroSpeech.NumChannels} = {frontEnd.FeatureCount} features, but input '{tensor.Name}' ({Describe(tensor)}) holds {tensor.Shape.ElementCount}");
        }

        var audio = WavFile.Read(path, frontEnd.SampleRate);
        return tensor.Type switch
        {
            DataType.Int8 => MemoryMarshal.AsBytes(frontEnd.Int8Features(audio.Samples).AsSpan()).ToArray(),
            DataType.Float32 => MemoryMarshal.AsBytes(frontEnd.FloatFeatures(audio.Samples).AsSpan()).ToArray(),
            _ => throw new InvalidModelException(path, $"front end {frontEnd.Kind} gives int8 or float32 features, but input '{tensor.Name}' is {Describe(tensor)}"),
        };
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
