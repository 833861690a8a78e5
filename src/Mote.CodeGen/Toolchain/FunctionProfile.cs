using System.Globalization;

namespace Mote.CodeGen.Toolchain;

/// <summary>The instructions one function of the image executed during one inference.</summary>
public sealed record FunctionInstructions(string Function, long Instructions);

/// <summary>
/// Where an inference's instructions go: the profiling plugin's executed blocks (each "mote-block: ADDRESS
/// INSTRUCTIONS EXECUTIONS" line) of a run with one inference minus those of a run without, attributed to the
/// function whose code holds each block's first instruction.
/// </summary>
public static class FunctionProfile
{
    /// <summary>The name under which blocks outside every sized function symbol are counted (start-up code, veneers).</summary>
    public const string OutsideFunctions = "(outside any function)";

    private const string BlockPrefix = "mote-block: ";
    private const string CompleteLine = "mote-profile: complete";

    /// <summary>
    /// Instructions per function of the run <paramref name="withInference"/> minus those of <paramref name="withoutInference"/>
    /// (both QEMU outputs of the profiling plugin), most first; functions whose count does not change are left out. Their
    /// sum is the difference of the two runs' instruction counts.
    /// </summary>
    public static IReadOnlyList<FunctionInstructions> Attribute(string withInference, string withoutInference, IReadOnlyList<ImageSymbol> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var sorted = symbols.Where(s => s.IsCode).OrderBy(s => s.Address).ToArray();
        var with = PerFunction(withInference, sorted);
        var without = PerFunction(withoutInference, sorted);
        return with.Keys.Union(without.Keys)
            .Select(name => new FunctionInstructions(name, with.GetValueOrDefault(name) - without.GetValueOrDefault(name)))
            .Where(f => f.Instructions != 0)
            .OrderByDescending(f => f.Instructions)
            .ThenBy(f => f.Function, StringComparer.Ordinal)
            .ToList();
    }

    private static Dictionary<string, long> PerFunction(string qemuOutput, ImageSymbol[] functions)
    {
        ArgumentNullException.ThrowIfNull(qemuOutput);
        var lines = qemuOutput.Split('\n');
        if (!lines.Any(l => l.TrimEnd() == CompleteLine))
        {
            throw new InvalidOperationException("the profiling plugin did not report every executed block");
        }

        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.StartsWith(BlockPrefix, StringComparison.Ordinal)))
        {
            var fields = line[BlockPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3
                || !ulong.TryParse(fields[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var address)
                || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var instructions)
                || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var executions))
            {
                throw new InvalidOperationException($"the profiling plugin printed a malformed line: {line}");
            }

            var name = FunctionAt(functions, address);
            result[name] = result.GetValueOrDefault(name) + (instructions * executions);
        }

        return result;
    }

    /// <summary>The function whose code holds <paramref name="address"/>: the last one starting at or before it, if it reaches that far.</summary>
    private static string FunctionAt(ImageSymbol[] functions, ulong address)
    {
        int low = 0, high = functions.Length - 1, found = -1;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            if (functions[middle].Address <= address)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found >= 0 && address < functions[found].Address + (ulong)functions[found].Size ? functions[found].Name : OutsideFunctions;
    }
}
