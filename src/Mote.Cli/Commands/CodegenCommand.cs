using System.CommandLine;
using Mote.CodeGen;

namespace Mote.Cli.Commands;

/// <summary>
/// `mote codegen MODEL --out DIR [--style c|tflm|arduino] [--name NAME]`: the model as a standalone C99 library (no
/// interpreter, no heap, one static arena). The library is generated in memory first, so a model with an operator
/// the generator does not support is refused before anything is written; DIR is then replaced as a whole.
/// </summary>
public static class CodegenCommand
{
    private static readonly string[] s_styles = ["c", "tflm", "arduino"];

    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A .tflite model file." };
        var output = new Option<string>("--out") { Description = "The folder to write; an existing one is replaced whole.", Required = true };
        var style = new Option<string>("--style") { Description = "c: a standalone C99 library (tflm and arduino are not built yet).", DefaultValueFactory = _ => "c" };
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
        if (style != "c")
        {
            throw new UsageException($"--style {style} is not built yet; use --style c");
        }

        var libraryName = name ?? CNameScope.Sanitize(Path.GetFileNameWithoutExtension(modelPath));
        if (libraryName != CNameScope.Sanitize(libraryName))
        {
            throw new UsageException($"--name {libraryName} is not a lower-case C identifier (try {CNameScope.Sanitize(libraryName)})");
        }

        var library = CodeGenerator.Generate(ModelLoader.Load(modelPath), libraryName, modelPath);
        OutputFolder.Replace(outputPath, library.Files);
        context.Out.WriteLine($"wrote {library.Files.Count} files to {outputPath}: {library.Name}.h, {library.Name}.c and the C runtime " +
            $"({string.Join(", ", library.Sources.Where(s => s != library.Name + ".c"))}); arena {library.ArenaBytes} bytes");
        context.Out.WriteLine($"entry point: {library.Name}_invoke in {library.Name}.h");
        return ExitCodes.Success;
    }
}
