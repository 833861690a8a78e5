using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using Mote.Graph;

namespace Mote.Cli.Io;

/// <summary>
/// NumPy's .npy format (versions 1–3): a magic string, a header dictionary with dtype, order and shape, then the
/// raw elements. Only little-endian, C-order arrays of the types TFLite tensors use are accepted.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] s_magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private static readonly Dictionary<string, DataType> s_types = new()
    {
        ["f4"] = DataType.Float32,
        ["f8"] = DataType.Float64,
        ["i1"] = DataType.Int8,
        ["u1"] = DataType.UInt8,
        ["i2"] = DataType.Int16,
        ["u2"] = DataType.UInt16,
        ["i4"] = DataType.Int32,
        ["u4"] = DataType.UInt32,
        ["i8"] = DataType.Int64,
        ["b1"] = DataType.Bool,
    };

    public static bool IsNpyPath(string path) => path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads an array; a malformed file is an <see cref="InvalidModelException"/> naming it.</summary>
    public static (DataType Type, Shape Shape, byte[] Data) Read(string path, long maxBytes)
    {
        // Header lengths are at most 4 GiB in theory; real headers are short, so bound what is read up front.
        const int MaxHeaderBytes = 1 << 16;
        if (new FileInfo(path).Length > maxBytes + MaxHeaderBytes)
        {
            throw new InvalidModelException(path, $"the file is larger than the {maxBytes} bytes the tensor holds");
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(s_magic))
        {
            throw new InvalidModelException(path, "not a .npy file (the magic string \\x93NUMPY is missing)");
        }

        var major = bytes[6];
        var (headerLength, headerStart) = major switch
        {
            1 => (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), 10),
            2 or 3 when bytes.Length >= 12 => ((long)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)), 12),
            _ => throw new InvalidModelException(path, $".npy version {major} is not supported"),
        };
        if (headerStart + headerLength > bytes.Length)
        {
            throw new InvalidModelException(path, "the .npy header runs past the end of the file");
        }

        var header = Encoding.Latin1.GetString(bytes, headerStart, (int)headerLength);
        var descr = DescrPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !shape.Success)
        {
            throw new InvalidModelException(path, $"the .npy header has no dtype or shape: {header.Trim()}");
        }

        if (FortranPattern().IsMatch(header))
        {
            throw new InvalidModelException(path, "Fortran-order arrays are not supported; save with np.ascontiguousarray");
        }

        var order = descr.Groups[1].Value;
        if (order == ">" || !s_types.TryGetValue(descr.Groups[2].Value, out var type))
        {
            throw new InvalidModelException(path, $"dtype '{descr.Groups[1].Value}{descr.Groups[2].Value}' is not supported (little-endian float32/64, int8–64, uint8–32, bool)");
        }

        var dims = new List<int>();
        foreach (var part in shape.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, out var dim) || dim < 0)
            {
                throw new InvalidModelException(path, $"shape entry '{part}' is not a dimension");
            }

            dims.Add(dim);
        }

        var arrayShape = Shape.Of([.. dims]);
        var dataStart = headerStart + (int)headerLength;
        var expected = arrayShape.ElementCount * type.ElementSize();
        if (arrayShape.ElementCount < 0 || expected > maxBytes || bytes.Length - dataStart != expected)
        {
            throw new InvalidModelException(path, $"shape {arrayShape} of {type.TfLiteName().ToLowerInvariant()} needs {expected} bytes of data but the file holds {bytes.Length - dataStart}");
        }

        return (type, arrayShape, bytes[dataStart..]);
    }

    /// <summary>Writes a little-endian C-order array (format version 1), atomically.</summary>
    public static void Write(string path, DataType type, Shape shape, ReadOnlySpan<byte> data)
    {
        var code = s_types.First(kv => kv.Value == type).Key;
        var endian = type.ElementSize() == 1 ? "|" : "<";
        var dims = shape.Rank == 1 ? $"{shape[0]}," : string.Join(", ", shape.Dimensions);
        var header = $"{{'descr': '{endian}{code}', 'fortran_order': False, 'shape': ({dims}), }}";
        // The header, with its length field and magic, is padded with spaces to a multiple of 64 and ends in a newline.
        var padded = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        var output = new byte[10 + padded.Length + data.Length];
        s_magic.CopyTo(output, 0);
        output[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(8), (ushort)padded.Length);
        Encoding.Latin1.GetBytes(padded, output.AsSpan(10));
        data.CopyTo(output.AsSpan(10 + padded.Length));
        AtomicFile.WriteAllBytes(path, output);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([<>|=]?)([a-z]\d+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*True")]
    private static partial Regex FortranPattern();
}
