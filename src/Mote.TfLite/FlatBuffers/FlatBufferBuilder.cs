using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Mote.Graph;

namespace Mote.TfLite.FlatBuffers;

/// <summary>
/// Builds a FlatBuffer back to front, like the official builder: children are written before the objects that refer
/// to them, so every uoffset points forward. Positions are returned as "offsets from the end", which stay valid as the
/// buffer grows. Scalars are aligned to their size, vectors to max(4, requested alignment), and the finished buffer's
/// length is a multiple of the largest alignment used, so alignment measured from the end holds from the start too.
/// Identical vtables are written once, and so are identical vectors created through <see cref="CreateSharedVector"/>.
/// </summary>
internal sealed class FlatBufferBuilder
{
    private const int MaxFields = 64;

    private readonly string _source;
    private readonly int[] _fieldOffsets = new int[MaxFields];
    private readonly Dictionary<string, int> _vtables = [];
    private readonly Dictionary<string, int> _sharedVectors = [];
    private byte[] _buffer;
    private int _space;
    private int _minAlign = 1;
    private int _fieldCount = -1;
    private int _tableStart;

    public FlatBufferBuilder(string source, int initialCapacity = 1024)
    {
        _source = source;
        _buffer = new byte[initialCapacity];
        _space = initialCapacity;
    }

    /// <summary>Bytes written so far; an object's offset is this value right after it was written.</summary>
    public int Offset => _buffer.Length - _space;

    public int CreateString(string value) => CreateString(Encoding.UTF8.GetBytes(value));

    public int CreateString(ReadOnlySpan<byte> utf8)
    {
        Prep(4, utf8.Length + 1);
        PutByte(0);
        PutBytes(utf8);
        PutInt32(utf8.Length);
        return Offset;
    }

    /// <summary>Writes a vector of scalars given as raw little-endian element bytes.</summary>
    public int CreateVector(ReadOnlySpan<byte> elements, int elementSize, int alignment = 4)
    {
        Prep(4, elements.Length);
        Prep(Math.Max(alignment, elementSize), elements.Length);
        PutBytes(elements);
        PutInt32(elements.Length / elementSize);
        return Offset;
    }

    /// <summary>
    /// As <see cref="CreateVector(ReadOnlySpan{byte}, int, int)"/>, but a vector with the same elements, element size
    /// and alignment written before is referred to again instead of written twice. Readers cannot tell the difference:
    /// a uoffset may point at any object written earlier (flatc shares strings the same way).
    /// </summary>
    public int CreateSharedVector(ReadOnlySpan<byte> elements, int elementSize, int alignment = 4)
    {
        var key = $"{elementSize}/{alignment}/{Convert.ToBase64String(elements)}";
        if (!_sharedVectors.TryGetValue(key, out var offset))
        {
            offset = CreateVector(elements, elementSize, alignment);
            _sharedVectors.Add(key, offset);
        }

        return offset;
    }

    public int CreateVector(ReadOnlySpan<int> values) => CreateVector(MemoryMarshal.AsBytes(values), 4);

    public int CreateVector(ReadOnlySpan<float> values) => CreateVector(MemoryMarshal.AsBytes(values), 4);

    public int CreateVector(ReadOnlySpan<long> values) => CreateVector(MemoryMarshal.AsBytes(values), 8);

    /// <summary>Writes a vector of uoffsets to objects (tables or strings) written before.</summary>
    public int CreateOffsetVector(ReadOnlySpan<int> offsets)
    {
        Prep(4, 4 * offsets.Length);
        for (var i = offsets.Length - 1; i >= 0; i--)
        {
            PutInt32(Offset + 4 - offsets[i]);
        }

        PutInt32(offsets.Length);
        return Offset;
    }

    public void StartTable(int fieldCount)
    {
        if (_fieldCount >= 0 || fieldCount > MaxFields)
        {
            throw new InvalidOperationException("tables cannot nest and have at most 64 fields");
        }

        _fieldCount = fieldCount;
        Array.Clear(_fieldOffsets, 0, fieldCount);
        _tableStart = Offset;
    }

    public void AddByte(int id, byte value)
    {
        Prep(1, 0);
        PutByte(value);
        Slot(id);
    }

    public void AddBool(int id, bool value) => AddByte(id, value ? (byte)1 : (byte)0);

    public void AddInt32(int id, int value)
    {
        Prep(4, 0);
        PutInt32(value);
        Slot(id);
    }

    public void AddUInt64(int id, ulong value)
    {
        Prep(8, 0);
        EnsureSpace(8);
        _space -= 8;
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_space), value);
        Slot(id);
    }

    /// <summary>Adds a scalar field given as its little-endian bytes (1, 2, 4 or 8 of them).</summary>
    public void AddScalar(int id, ReadOnlySpan<byte> bytes)
    {
        Prep(bytes.Length, 0);
        PutBytes(bytes);
        Slot(id);
    }

    public void AddOffset(int id, int offset)
    {
        Prep(4, 0);
        PutInt32(Offset + 4 - offset);
        Slot(id);
    }

    public int EndTable()
    {
        Prep(4, 0);
        PutInt32(0);
        var tableOffset = Offset;
        var fields = _fieldCount;
        while (fields > 0 && _fieldOffsets[fields - 1] == 0)
        {
            fields--;
        }

        var tableSize = tableOffset - _tableStart;
        if (tableSize > ushort.MaxValue)
        {
            throw new InvalidModelException(_source, $"a table of {tableSize} bytes exceeds the FlatBuffers limit");
        }

        var vtable = new char[fields + 2];
        vtable[0] = (char)((fields + 2) * 2);
        vtable[1] = (char)tableSize;
        for (var i = 0; i < fields; i++)
        {
            vtable[i + 2] = _fieldOffsets[i] == 0 ? (char)0 : (char)(tableOffset - _fieldOffsets[i]);
        }

        var key = new string(vtable);
        if (!_vtables.TryGetValue(key, out var vtableOffset))
        {
            Prep(2, 2 * vtable.Length);
            for (var i = vtable.Length - 1; i >= 0; i--)
            {
                EnsureSpace(2);
                _space -= 2;
                BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(_space), vtable[i]);
            }

            vtableOffset = Offset;
            _vtables.Add(key, vtableOffset);
        }

        // soffset from the table to its vtable: table position minus vtable position.
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_buffer.Length - tableOffset), vtableOffset - tableOffset);
        _fieldCount = -1;
        return tableOffset;
    }

    /// <summary>Writes the root offset and the file identifier and returns the finished buffer.</summary>
    public byte[] Finish(int rootTable, string identifier)
    {
        Prep(_minAlign, 8);
        PutBytes(Encoding.ASCII.GetBytes(identifier));
        Prep(4, 0);
        PutInt32(Offset + 4 - rootTable);
        return _buffer.AsSpan(_space).ToArray();
    }

    private void Slot(int id) => _fieldOffsets[id] = Offset;

    /// <summary>Pads so that <paramref name="size"/>-byte alignment holds after <paramref name="additionalBytes"/> more bytes.</summary>
    private void Prep(int size, int additionalBytes)
    {
        _minAlign = Math.Max(_minAlign, size);
        var padding = -(Offset + additionalBytes) & (size - 1);
        EnsureSpace((long)padding + size + additionalBytes);
        _space -= padding;
        _buffer.AsSpan(_space, padding).Clear();
    }

    private void EnsureSpace(long bytes)
    {
        if (_space >= bytes)
        {
            return;
        }

        var used = Offset;
        var size = Math.Max(2L * _buffer.Length, used + bytes + 1024);
        if (size > Array.MaxLength)
        {
            size = used + bytes;
            if (size > Array.MaxLength)
            {
                throw new InvalidModelException(_source, "the model is larger than the 2 GB a FlatBuffer can hold");
            }
        }

        var grown = new byte[size];
        _buffer.AsSpan(_space).CopyTo(grown.AsSpan((int)size - used));
        _space = (int)size - used;
        _buffer = grown;
    }

    private void PutByte(byte value)
    {
        EnsureSpace(1);
        _buffer[--_space] = value;
    }

    private void PutBytes(ReadOnlySpan<byte> bytes)
    {
        EnsureSpace(bytes.Length);
        _space -= bytes.Length;
        bytes.CopyTo(_buffer.AsSpan(_space));
    }

    private void PutInt32(int value)
    {
        EnsureSpace(4);
        _space -= 4;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_space), value);
    }
}
