using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mote.TfLite.FlatBuffers;

/// <summary>
/// A verified FlatBuffers table: its vtable and inline size were checked when it was opened, and each accessor checks
/// that the field lies inside the table and is aligned before reading it. Absent fields give the schema default.
/// </summary>
internal readonly struct Table
{
    private readonly FlatBufferReader _reader;
    private readonly int _position;
    private readonly int _vtable;
    private readonly int _fieldCount;
    private readonly int _size;

    public Table(FlatBufferReader reader, int position, int vtable, int fieldCount, int size, string name)
    {
        _reader = reader;
        _position = position;
        _vtable = vtable;
        _fieldCount = fieldCount;
        _size = size;
        Name = name;
    }

    public string Name { get; }

    public int Position => _position;

    public byte GetByte(int id, byte defaultValue = 0) => Field(id, 1) is var p and > 0 ? Span[p] : defaultValue;

    public sbyte GetSByte(int id, sbyte defaultValue = 0) => Field(id, 1) is var p and > 0 ? (sbyte)Span[p] : defaultValue;

    public bool GetBool(int id, bool defaultValue = false) => Field(id, 1) is var p and > 0 ? Span[p] != 0 : defaultValue;

    public int GetInt32(int id, int defaultValue = 0) =>
        Field(id, 4) is var p and > 0 ? BinaryPrimitives.ReadInt32LittleEndian(Span[p..]) : defaultValue;

    public uint GetUInt32(int id, uint defaultValue = 0) =>
        Field(id, 4) is var p and > 0 ? BinaryPrimitives.ReadUInt32LittleEndian(Span[p..]) : defaultValue;

    public ulong GetUInt64(int id, ulong defaultValue = 0) =>
        Field(id, 8) is var p and > 0 ? BinaryPrimitives.ReadUInt64LittleEndian(Span[p..]) : defaultValue;

    /// <summary>The raw bytes of a scalar field of <paramref name="size"/> bytes, or empty when absent.</summary>
    public ReadOnlySpan<byte> GetScalarBytes(int id, int size) => Field(id, size) is var p and > 0 ? Span.Slice(p, size) : [];

    public Table? GetTable(int id, string name) =>
        Field(id, 4) is var p and > 0 ? _reader.TableAt(_reader.Dereference(p, FieldName(id)), name) : null;

    public ReadOnlySpan<byte> GetStringBytes(int id) =>
        Field(id, 4) is var p and > 0 ? _reader.StringBytesAt(_reader.Dereference(p, FieldName(id)), FieldName(id)) : [];

    public string? GetString(int id) =>
        Field(id, 4) > 0 ? _reader.Decode(GetStringBytes(id), FieldName(id)) : null;

    /// <summary>The element bytes of a vector of scalars, or empty when absent. Nothing is copied.</summary>
    public ReadOnlySpan<byte> GetVectorBytes(int id, int elementSize)
    {
        var p = Field(id, 4);
        if (p == 0)
        {
            return [];
        }

        var (start, count) = _reader.VectorAt(_reader.Dereference(p, FieldName(id)), elementSize, FieldName(id));
        return Span.Slice(start, count * elementSize);
    }

    /// <summary>A copy of a vector of scalars; the copy is charged to the work budget.</summary>
    public T[] GetVector<T>(int id)
        where T : unmanaged
    {
        var bytes = GetVectorBytes(id, Unsafe.SizeOf<T>());
        _reader.Spend(bytes.Length / Unsafe.SizeOf<T>(), FieldName(id));
        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }

    public TableVector GetTables(int id, string elementName)
    {
        var p = Field(id, 4);
        if (p == 0)
        {
            return default;
        }

        var (start, count) = _reader.VectorAt(_reader.Dereference(p, FieldName(id)), 4, FieldName(id));
        return new TableVector(_reader, start, count, elementName);
    }

    private ReadOnlySpan<byte> Span => _reader.Span;

    private string FieldName(int id) => $"{Name} field {id}";

    /// <summary>Position of field <paramref name="id"/> in the file, or 0 when the field is absent.</summary>
    private int Field(int id, int size)
    {
        if (id >= _fieldCount)
        {
            return 0;
        }

        int offset = BinaryPrimitives.ReadUInt16LittleEndian(Span[(_vtable + 4 + (2 * id))..]);
        if (offset == 0)
        {
            return 0;
        }

        if (offset < 4 || offset + size > _size)
        {
            throw _reader.Error($"{FieldName(id)} of the table at byte {_position}: field offset {offset} is outside the table ({_size} bytes)");
        }

        var position = _position + offset;
        if (position % size != 0)
        {
            throw _reader.Error($"{FieldName(id)} at byte {position} is not aligned to {size} bytes");
        }

        return position;
    }
}

/// <summary>A verified vector of tables; each element is checked when it is opened.</summary>
internal readonly struct TableVector
{
    private readonly FlatBufferReader? _reader;
    private readonly int _start;
    private readonly string _elementName;

    public TableVector(FlatBufferReader reader, int start, int count, string elementName)
    {
        _reader = reader;
        _start = start;
        Count = count;
        _elementName = elementName;
    }

    public int Count { get; }

    public Table this[int index] => _reader!.TableAt(_reader.Dereference(_start + (4 * index), $"{_elementName} {index}"), _elementName);
}
