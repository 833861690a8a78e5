using System.CommandLine;
using Mote.CodeGen;
using Mote.CodeGen.Styles;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote codegen MODEL --out DIR [--style c|tflm|arduino] [--name NAME]`: c is the model as a standalone C99 library
/// (no interpreter, no heap, one static arena); tflm the .tflite as a C array with a MicroInterpreter example; arduino
/// an Arduino library folder with the c library and a sketch. Everything is generated in memory first, so a model
/// the style cannot handle is refused before anything is written; DIR is then replaced as a whole.
/// </summary>
public static class CodegenCommand
{
    private static readonly string[] s_styles = ["c", "tflm", "arduino"];

    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A .tflite model file." };
        var output = new Option<string>("--out") { Description = "The folder to write; an existing one is replaced whole.", Required = true };
        var style = new Option<string>("--style")
        {
            Description = "c: a standalone C99 library; tflm: the model as a C array and a TFLM MicroInterpreter example; arduino: an Arduino library with a sketch.",
            DefaultValueFactory = _ => "c",
        };
        style.AcceptOnlyFromAmong(s_styles);
        var name = new Option<string?>("--name") { Description = "Prefix of the generated files and functions (default: from the model file name)." };
        var command = new Command("codegen", "Generate C code for a model: weights as const arrays, every parameter baked in, one static arena.\n\nExample:\n  mote codegen kws.tflite --out kws_c --name kws")
        {
            model,
            output,
            style,
            name,
        };
        command.SetAction(parse => Run(context, parse.GetValue(model)!, parse.GetValue(output)!, parse.GetValue(style)!, parse.GetValue(name)));
        return command;
    }

    private static int Run(CliContext context, string modelPath, string outputPath, string style, string? name)
    {
        var libraryName = name ?? CNameScope.Sanitize(Path.GetFileNameWithoutExtension(modelPath));
        if (libraryName != CNameScope.Sanitize(libraryName))
        {
            throw new UsageException($"--name {libraryName} is not a lower-case C identifier (try {CNameScope.Sanitize(libraryName)})");
        }

        var graph = ModelLoader.Load(modelPath);
        if (style == "tflm")
        {
            var files = TflmStyle.Generate(graph, File.ReadAllBytes(modelPath), libraryName, modelPath);
            OutputFolder.Replace(outputPath, files);
            context.Out.WriteLine($"wrote {files.Count} files to {outputPath}: {string.Join(", ", files.Select(f => f.Name))}");
            return ExitCodes.Success;
        }

        var library = CodeGenerator.Generate(graph, libraryName, modelPath);
        if (style == "arduino")
        {
            var files = ArduinoStyle.Generate(library, ReferenceCase.Create(graph, modelPath), modelPath);
            OutputFolder.Replace(outputPath, files);
            context.Out.WriteLine($"wrote the Arduino library {library.Name} to {outputPath}: library.properties, src/ ({library.Files.Count} files), examples/{library.Name}/{library.Name}.ino");
            return ExitCodes.Success;
        }

        OutputFolder.Replace(outputPath, library.Files);
        context.Out.WriteLine($"wrote {library.Files.Count} files to {outputPath}: {library.Name}.h, {library.Name}.c and the C runtime " +
            $"({string.Join(", ", library.Sources.Where(s => s != library.Name + ".c"))}); arena {library.ArenaBytes} bytes");
        context.Out.WriteLine($"entry point: {library.Name}_invoke in {library.Name}.h" +
            (library.HasState ? $"; {library.Name}_reset restarts the model's state ({library.StateBytes} bytes, kept between invokes)" : ""));
        return ExitCodes.Success;
    }
}
