using System.Globalization;
using System.Text.RegularExpressions;

namespace Mote.CodeGen.Toolchain;

/// <summary>
/// Builds a generated library with a test main for a Cortex-M target, measures the image, and optionally runs it
/// under QEMU to check its output, measure its peak stack and count the instructions of one inference, and where
/// they go by function.
/// </summary>
public static partial class CortexMDeployment
{
    private const string Elf = "model.elf";

    /// <summary>
    /// Writes the library, its test main (embedding <paramref name="cases"/>) and the board files into the empty
    /// folder <paramref name="directory"/>, builds and measures; <paramref name="profile"/> (which needs
    /// <paramref name="emulate"/>) also attributes the inference's instructions to functions. Throws
    /// <see cref="ToolchainMissingException"/> when a tool is missing and <see cref="ToolchainFailedException"/> when the
    /// build or an emulation fails to run.
    /// </summary>
    public static DeployMeasurement Run(
        GeneratedLibrary library, IReadOnlyList<TestCase> cases, CortexMTarget target, string optimization, bool emulate, bool profile, string directory, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(target);
        if (profile && !emulate)
        {
            throw new ArgumentException("profiling needs the emulation", nameof(profile));
        }

        var toolchain = CortexMToolchain.Locate();
        if (emulate)
        {
            CortexMToolchain.LocateEmulator();
        }

        var plugin = emulate ? InstructionCounter.Plugin() : null;
        var test = TestMainWriter.Write(library, cases, TestPlatform.CortexM);
        foreach (var file in library.Files.Append(test))
        {
            File.WriteAllText(Path.Combine(directory, file.Name), file.Text);
        }

        var build = toolchain.Build(directory, [.. library.Sources, test.Name], Elf, timeout, target, optimization);
        if (!build.Succeeded)
        {
            throw new ToolchainFailedException("arm-none-eabi-gcc", build.Output);
        }

        var size = toolchain.Size(directory, Elf);
        // Static symbols of the same name in two files would collide, so sizes of equal names add up.
        var symbols = toolchain.Symbols(directory, Elf);
        var sizeByName = symbols.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(s => s.Size), StringComparer.Ordinal);
        long weights = WeightSymbols(library).Sum(name => sizeByName.GetValueOrDefault(name));
        long quantization = QuantizationSymbols(library).Sum(name => sizeByName.GetValueOrDefault(name));
        long testData = sizeByName.Where(s => s.Key.StartsWith(TestMainWriter.TestDataPrefix, StringComparison.Ordinal)).Sum(s => s.Value);
        long staticBytes = size.Data + size.Bss - library.ArenaBytes;
        var measurement = new DeployMeasurement(
            target.Name, target.Machine, optimization, OutputMatches: null, size.Text - weights - quantization - testData, weights, RamBytes: null,
            InstructionsPerInference: null, quantization, library.ArenaBytes, staticBytes, StackBytes: null, size.Text, size.Data, size.Bss, testData,
            InstructionsWithoutInference: null, Profile: null);
        if (!emulate)
        {
            return measurement;
        }

        // The check run: every case, compared byte for byte, and the peak stack.
        var check = CortexMToolchain.Emulate(directory, Elf, timeout, target);
        var mismatches = ReadNumber(check.Output, TestMainWriter.MismatchLine);
        var stack = ReadNumber(check.Output, TestMainWriter.StackLine);
        if (check.TimedOut || mismatches is null || stack is null)
        {
            throw new ToolchainFailedException($"the test program under QEMU ({target.Machine}){(check.TimedOut ? ", timed out," : "")}", check.Output);
        }

        // Instructions of one inference: two runs in measure mode that differ only in running case 0 once or not at
        // all (same start-up, same stack painting, same exit), so their difference is the inference and its call.
        var without = Count(directory, target, plugin!, 0, profile, timeout);
        var with = Count(directory, target, plugin!, 1, profile, timeout);
        return measurement with
        {
            OutputMatches = check.ExitCode == 0 && mismatches == 0,
            StackBytes = stack,
            RamBytes = library.ArenaBytes + staticBytes + stack,
            InstructionsPerInference = with.Instructions - without.Instructions,
            InstructionsWithoutInference = without.Instructions,
            Profile = profile ? FunctionProfile.Attribute(with.Output, without.Output, symbols) : null,
        };
    }

    /// <summary>
    /// The names of the weight arrays in the library's source: each constant tensor is written as a "tensor N: ..."
    /// comment followed by its array definition.
    /// </summary>
    public static IReadOnlyList<string> WeightSymbols(GeneratedLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        return WeightArray().Matches(Source(library)).Select(m => m.Groups[1].Value).ToList();
    }

    /// <summary>
    /// The names of the per-channel requantization arrays (int32 multipliers and shifts) in the library's source:
    /// model data derived from the weights' scales, which TFLM computes into its arena and Mote keeps in flash.
    /// </summary>
    public static IReadOnlyList<string> QuantizationSymbols(GeneratedLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        return QuantizationArray().Matches(Source(library)).Select(m => m.Groups[1].Value).ToList();
    }

    private static string Source(GeneratedLibrary library) => library.Files.First(f => f.Name == library.Name + ".c").Text;

    /// <summary>A run in measure mode: its instruction count and QEMU's output (with the executed blocks when profiling).</summary>
    private static (long Instructions, string Output) Count(string directory, CortexMTarget target, string plugin, int inferences, bool profile, TimeSpan timeout)
    {
        var run = CortexMToolchain.Emulate(
            directory, Elf, timeout, target, ["measure", inferences.ToString(CultureInfo.InvariantCulture)], plugin + (profile ? ",profile=on" : ""));
        var count = (run.Succeeded ? InstructionCounter.Parse(run.Output) : null)
            ?? throw new ToolchainFailedException($"counting instructions under QEMU ({target.Machine}, {inferences} inference(s))", run.Output);
        return (count, run.Output);
    }

    private static long? ReadNumber(string output, string prefix)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var digits = new string(line[prefix.Length..].TakeWhile(char.IsAsciiDigit).ToArray());
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex(@"^/\* tensor \d+:.*\*/\n\s*static const \w+ (\w+)\[", RegexOptions.Multiline)]
    private static partial Regex WeightArray();

    [GeneratedRegex(@"^\s*static const int32_t (\w+_(?:multipliers|shifts)(?:_\d+)?)\[", RegexOptions.Multiline)]
    private static partial Regex QuantizationArray();
}
