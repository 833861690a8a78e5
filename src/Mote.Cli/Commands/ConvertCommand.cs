using System.CommandLine;
using Mote.TfLite;

namespace Mote.Cli.Commands;

/// <summary>`mote convert MODEL --out FILE`: read a model and write it again (the reader/writer round trip as a command).</summary>
public static class ConvertCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A .tflite model file." };
        var output = new Option<string>("--out") { Description = "Where to write the model (.tflite); written atomically.", Required = true };
        var command = new Command("convert", "Read a model and write it again with Mote's TFLite writer.\n\nExample:\n  mote convert model.tflite --out copy.tflite")
        {
            model,
            output,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            var target = parse.GetValue(output)!;
            TfLiteWriter.WriteFile(ModelLoader.Load(path), target);
            context.Out.WriteLine($"wrote {target} ({new FileInfo(target).Length:N0} bytes)");
            return ExitCodes.Success;
        });
        return command;
    }
}
