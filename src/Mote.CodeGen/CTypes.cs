using System.Globalization;
using System.Runtime.InteropServices;
using Mote.Graph;

namespace Mote.CodeGen;

/// <summary>C spellings of tensor element types and of their values.</summary>
public static class CTypes
{
    public static bool IsSupported(DataType type) =>
        type is DataType.Int8 or DataType.UInt8 or DataType.Int16 or DataType.Int32 or DataType.Float32;

    public static string Name(DataType type) => type switch
    {
        DataType.Int8 => "int8_t",
        DataType.UInt8 => "uint8_t",
        DataType.Int16 => "int16_t",
        DataType.Int32 => "int32_t",
        DataType.Float32 => "float",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no C type for this tensor type"),
    };

    /// <summary>C literals for raw little-endian tensor bytes; floats round-trip exactly.</summary>
    public static IReadOnlyList<string> Literals(DataType type, ReadOnlySpan<byte> bytes) => type switch
    {
        DataType.Int8 => Format(MemoryMarshal.Cast<byte, sbyte>(bytes)),
        DataType.UInt8 => Format(bytes),
        DataType.Int16 => Format(MemoryMarshal.Cast<byte, short>(bytes)),
        DataType.Int32 => Int32Literals(MemoryMarshal.Cast<byte, int>(bytes).ToArray()),
        DataType.Float32 => MemoryMarshal.Cast<byte, float>(bytes).ToArray().Select(Float).ToList(),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no C type for this tensor type"),
    };

    /// <summary>Int32 literals; INT32_MIN is spelled as an expression because "-2147483648" is a long in C.</summary>
    public static IReadOnlyList<string> Int32Literals(IEnumerable<int> values) =>
        values.Select(v => v == int.MinValue ? "(-2147483647 - 1)" : v.ToString(CultureInfo.InvariantCulture)).ToList();

    public static string Float(float value) => value.ToString("G9", CultureInfo.InvariantCulture) switch
    {
        var text when text.Contains('.') || text.Contains('E') => text + "f",
        var text => text + ".0f",
    };

    private static List<string> Format<T>(ReadOnlySpan<T> values)
        where T : IFormattable
    {
        var result = new List<string>(values.Length);
        foreach (var value in values)
        {
            result.Add(value.ToString(null, CultureInfo.InvariantCulture));
        }

        return result;
    }
}
