namespace Mote.Data.Idx;

/// <summary>
/// The data bytes of an IDX file after its header (<see cref="IdxReader.OpenPayload(string)"/>), read in pieces of
/// the caller's choosing. Short payloads, trailing bytes and corrupt gzip data are reported with the file's name.
/// </summary>
public sealed class IdxPayload : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _disposeStream;
    private long _position;

    internal IdxPayload(Stream stream, string name, IdxElementType type, int[] dimensions, long bytes, bool disposeStream)
    {
        _stream = stream;
        _disposeStream = disposeStream;
        Name = name;
        Type = type;
        Dimensions = dimensions;
        Bytes = bytes;
    }

    public string Name { get; }

    public IdxElementType Type { get; }

    public int[] Dimensions { get; }

    /// <summary>Payload size the dimensions call for.</summary>
    public long Bytes { get; }

    /// <summary>Fills <paramref name="target"/> with the next payload bytes.</summary>
    public void ReadExactly(Span<byte> target)
    {
        try
        {
            while (!target.IsEmpty)
            {
                var read = _position < Bytes ? _stream.Read(target[..(int)Math.Min(target.Length, Bytes - _position)]) : 0;
                if (read == 0)
                {
                    throw new InvalidDataFileException(Name, $"file holds {_position} data bytes but its dimensions call for {Bytes}");
                }

                _position += read;
                target = target[read..];
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataFileException(Name, $"corrupt gzip data ({e.Message})");
        }
    }

    /// <summary>After the whole payload has been read: throws if anything follows it.</summary>
    public void CheckEnd()
    {
        if (_position != Bytes)
        {
            throw new InvalidOperationException($"{Name}: {Bytes - _position} payload bytes are still unread");
        }

        Span<byte> probe = stackalloc byte[1];
        try
        {
            if (_stream.Read(probe) != 0)
            {
                throw new InvalidDataFileException(Name, $"trailing bytes after the {Bytes} data bytes that dimensions [{string.Join(", ", Dimensions)}] call for");
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataFileException(Name, $"corrupt gzip data ({e.Message})");
        }
    }

    public void Dispose()
    {
        if (_disposeStream)
        {
            _stream.Dispose();
        }
    }
}
