namespace Mote.Graph;

/// <summary>Element types. The numeric values are TFLite's TensorType codes, so unknown types survive a round trip.</summary>
public enum DataType
{
    Float32 = 0,
    Float16 = 1,
    Int32 = 2,
    UInt8 = 3,
    Int64 = 4,
    String = 5,
    Bool = 6,
    Int16 = 7,
    Complex64 = 8,
    Int8 = 9,
    Float64 = 10,
    Complex128 = 11,
    UInt64 = 12,
    Resource = 13,
    Variant = 14,
    UInt32 = 15,
    UInt16 = 16,
    Int4 = 17,
    BFloat16 = 18,
}

public static class DataTypeExtensions
{
    /// <summary>Bytes per element, or 0 for types without a fixed element size (string, resource, variant, int4).</summary>
    public static int ElementSize(this DataType type) => type switch
    {
        DataType.Bool or DataType.Int8 or DataType.UInt8 => 1,
        DataType.Int16 or DataType.UInt16 or DataType.Float16 or DataType.BFloat16 => 2,
        DataType.Int32 or DataType.UInt32 or DataType.Float32 => 4,
        DataType.Int64 or DataType.UInt64 or DataType.Float64 or DataType.Complex64 => 8,
        DataType.Complex128 => 16,
        _ => 0,
    };

    public static bool IsDefined(this DataType type) => Enum.IsDefined(type);

    /// <summary>Upper-case name as TFLite prints it (INT8, FLOAT32, ...).</summary>
    public static string TfLiteName(this DataType type) =>
        type.IsDefined() ? type.ToString().ToUpperInvariant() : $"TYPE_{(int)type}";
}
