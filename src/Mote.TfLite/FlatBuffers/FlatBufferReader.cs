using System.Buffers.Binary;
using System.Text;
using Mote.Graph;

namespace Mote.TfLite.FlatBuffers;

/// <summary>
/// Verified access to a FlatBuffer: every offset, length, vtable and string is checked before it is used, and every
/// problem becomes one <see cref="InvalidModelException"/> naming the source. Reads are driven by the schema (no
/// recursion over the data), so depth is bounded by the schema; a work budget proportional to the file size bounds
/// the total number of elements copied, so a small file whose objects share one large vector cannot make the reader
/// quadratic or make it allocate far more than the file holds.
/// </summary>
internal sealed class FlatBufferReader
{
    // Legitimate files copy each byte about once; the slack covers many small tables in tiny files.
    private const long WorkPerByte = 4;
    private const long BaseWork = 1 << 16;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlyMemory<byte> _memory;
    private long _budget;

    public FlatBufferReader(ReadOnlyMemory<byte> memory, string source)
    {
        _memory = memory;
        Source = source;
        _budget = (WorkPerByte * memory.Length) + BaseWork;
    }

    public string Source { get; }

    public int Length => _memory.Length;

    public ReadOnlySpan<byte> Span => _memory.Span;

    public InvalidModelException Error(string problem) => new(Source, problem);

    /// <summary>Checks the size and the 4-byte file identifier, and returns the root table.</summary>
    public Table ReadRoot(string identifier, string rootName)
    {
        if (Length < 8)
        {
            throw Error($"truncated: {Length} bytes is too short for a FlatBuffer");
        }

        var actual = Span.Slice(4, 4);
        if (!actual.SequenceEqual(Encoding.ASCII.GetBytes(identifier)))
        {
            var printable = new string(Array.ConvertAll(actual.ToArray(), b => b is >= 0x20 and < 0x7F ? (char)b : '?'));
            throw Error($"wrong file identifier '{printable}' (expected '{identifier}'): not a TFLite model");
        }

        return TableAt(Dereference(0, rootName), rootName);
    }

    /// <summary>Charges <paramref name="work"/> units (elements copied or tables visited) against the budget.</summary>
    public void Spend(long work, string what)
    {
        _budget -= work;
        if (_budget < 0)
        {
            throw Error($"{what}: the file refers to far more data than it holds (shared or overlapping objects)");
        }
    }

    /// <summary>Follows the uoffset stored at <paramref name="position"/> and returns the position it points to.</summary>
    public int Dereference(int position, string what)
    {
        CheckRange(position, 4, 4, what);
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(Span[position..]);
        var target = position + (long)offset;

        // Every object (table, vector, string) starts with at least 4 bytes.
        if (offset == 0 || target > Length - 4L)
        {
            throw Error($"{what}: offset {offset} at byte {position} points outside the file ({Length} bytes)");
        }

        return (int)target;
    }

    public void CheckRange(long position, long size, int alignment, string what)
    {
        if (position < 0 || size < 0 || position > Length || size > Length - position)
        {
            throw Error($"{what}: {size} bytes at byte {position} extend past the end of the file ({Length} bytes)");
        }

        if (position % alignment != 0)
        {
            throw Error($"{what}: byte {position} is not aligned to {alignment} bytes");
        }
    }

    public Table TableAt(int position, string name)
    {
        Spend(1, name);
        CheckRange(position, 4, 4, name);
        var vtable = position - (long)BinaryPrimitives.ReadInt32LittleEndian(Span[position..]);
        CheckRange(vtable, 4, 2, $"{name} vtable");
        int vtableSize = BinaryPrimitives.ReadUInt16LittleEndian(Span[(int)vtable..]);
        int tableSize = BinaryPrimitives.ReadUInt16LittleEndian(Span[((int)vtable + 2)..]);
        if (vtableSize < 4 || vtableSize % 2 != 0)
        {
            throw Error($"{name} vtable at byte {vtable}: invalid vtable size {vtableSize}");
        }

        CheckRange(vtable, vtableSize, 2, $"{name} vtable");
        if (tableSize < 4)
        {
            throw Error($"{name} at byte {position}: invalid table size {tableSize}");
        }

        CheckRange(position, tableSize, 4, name);
        return new Table(this, position, (int)vtable, (vtableSize - 4) / 2, tableSize, name);
    }

    /// <summary>Checks the vector whose length prefix is at <paramref name="position"/>; returns its first element and count.</summary>
    public (int Start, int Count) VectorAt(int position, int elementSize, string what)
    {
        CheckRange(position, 4, 4, what);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(Span[position..]);
        CheckRange(position + 4L, count * (long)elementSize, Math.Min(elementSize, 8), what);
        return (position + 4, (int)count);
    }

    /// <summary>The bytes of the string at <paramref name="position"/>, checked to be NUL-terminated inside the file.</summary>
    public ReadOnlySpan<byte> StringBytesAt(int position, string what)
    {
        var (start, length) = VectorAt(position, 1, what);
        CheckRange(start, length + 1L, 1, what);
        if (Span[start + length] != 0)
        {
            throw Error($"{what}: string at byte {position} is not NUL-terminated");
        }

        Spend(length, what);
        return Span.Slice(start, length);
    }

    public string Decode(ReadOnlySpan<byte> utf8, string what)
    {
        try
        {
            return s_strictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw Error($"{what}: string is not valid UTF-8");
        }
    }
}
