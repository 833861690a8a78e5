using System.CommandLine;
using Mote.CodeGen;
using Mote.CodeGen.Toolchain;
using Mote.Graph;
using Mote.Runtime;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote deploy MODEL --target cortex-m4 [--emulate] [--json]`: generates the C library, cross-compiles it with a check
/// program for QEMU's mps2-an386 (Cortex-M4) and reports flash and RAM bytes; with --emulate it runs the program
/// under QEMU and checks that the output equals Mote's interpreter on a fixed-seed random input, byte for byte.
/// </summary>
public static class DeployCommand
{
    private const int InputSeed = 1;

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A .tflite model file." };
        var target = new Option<string>("--target") { Description = "The board to build for.", Required = true };
        target.AcceptOnlyFromAmong("cortex-m4");
        var emulate = new Option<bool>("--emulate") { Description = "Run the image under qemu-system-arm and compare with the interpreter." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("deploy", "Build a model's generated C for a microcontroller, report its size, and optionally run it under QEMU.\n\nExample:\n  mote deploy kws.tflite --target cortex-m4 --emulate")
        {
            model,
            target,
            emulate,
            json,
        };
        command.SetAction(parse => Run(context, parse.GetValue(model)!, parse.GetValue(target)!, parse.GetValue(emulate), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string modelPath, string target, bool emulate, bool json)
    {
        var graph = ModelLoader.Load(modelPath);
        var library = CodeGenerator.Generate(graph, "model", modelPath);
        var directory = Directory.CreateTempSubdirectory("mote-deploy-").FullName;
        try
        {
            var toolchain = CortexMToolchain.Locate();
            var test = TestMainWriter.Write(library, [ReferenceCase(graph, modelPath)]);
            OutputFolder.Replace(directory, [.. library.Files, test]);
            var build = toolchain.Build(directory, [.. library.Sources, test.Name], "model.elf", s_timeout);
            if (!build.Succeeded)
            {
                context.Error.WriteLine($"mote: arm-none-eabi-gcc failed:\n{build.Output}");
                return ExitCodes.JobFailed;
            }

            var size = toolchain.Size(directory, "model.elf");
            bool? matches = null;
            if (emulate)
            {
                var run = CortexMToolchain.Emulate(directory, "model.elf", s_timeout);
                matches = run.Succeeded;
                if (!run.Succeeded && !json)
                {
                    context.Error.WriteLine($"mote: under QEMU{(run.TimedOut ? " (timed out)" : "")}:\n{run.Output}");
                }
            }

            var report = new DeployReport(target, "mps2-an386", size.FlashBytes, size.RamBytes, library.ArenaBytes, emulate, matches);
            context.Out.WriteLine(json
                ? MoteJson.Serialize(report)
                : $"{target} (QEMU mps2-an386): flash {size.FlashBytes} bytes, RAM {size.RamBytes} bytes (arena {library.ArenaBytes}), " +
                  "including one embedded check case" + (matches is { } m ? m ? "; output matches the interpreter under QEMU" : "; output DIFFERS under QEMU" : ""));
            return matches == false ? ExitCodes.JobFailed : ExitCodes.Success;
        }
        catch (ToolchainMissingException e)
        {
            context.Error.WriteLine($"mote: {e.Message}");
            return ExitCodes.JobFailed;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A fixed-seed random input and what Mote's interpreter (bit-exact with TFLM) outputs for it.</summary>
    private static TestCase ReferenceCase(Model model, string modelPath)
    {
        var interpreter = Interpreter.Create(model, modelPath);
        var random = new Random(InputSeed);
        var inputs = interpreter.Inputs.Select(info =>
        {
            if (info.Type == DataType.Float32)
            {
                throw new InvalidModelException(modelPath, "deploy checks integer models only");
            }

            var bytes = new byte[info.ByteSize];
            random.NextBytes(bytes);
            return bytes;
        }).ToList();
        for (int i = 0; i < inputs.Count; i++)
        {
            interpreter.SetInput(i, inputs[i]);
        }

        interpreter.Invoke();
        return new TestCase(inputs, interpreter.Outputs.Select((_, i) => interpreter.GetOutput(i).ToArray()).ToList());
    }
}

/// <summary>The JSON of `mote deploy --json`: image sizes and, with --emulate, whether QEMU reproduced the interpreter.</summary>
public sealed record DeployReport(string Target, string Board, long FlashBytes, long RamBytes, long ArenaBytes, bool Emulated, bool? Matches);
