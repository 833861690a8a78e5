using System.Buffers.Binary;
using System.IO.Compression;

namespace Mote.Data.Idx;

/// <summary>
/// Reads IDX files, plain or gzip-compressed (recognised by content, not by name). The input is untrusted: the magic
/// number, the rank and every dimension are checked, the element count must match the bytes present exactly, and
/// memory grows only with the data actually read, never with what the header claims.
/// </summary>
public static class IdxReader
{
    /// <summary>Largest payload accepted: what one .NET array can hold.</summary>
    public static long MaxDataBytes => Array.MaxLength;

    private const int MaxRank = 8;
    private const int InitialChunk = 1 << 20;

    public static IdxArray Read(string path)
    {
        using var file = OpenOrThrow(path);
        return Read(file, path);
    }

    /// <summary>Reads from a stream; <paramref name="name"/> names the input in error messages.</summary>
    public static IdxArray Read(Stream stream, string name)
    {
        var source = IsGzip(stream) ? new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true) : stream;
        try
        {
            return ReadPlain(source, name);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataFileException(name, $"corrupt gzip data ({e.Message})");
        }
        finally
        {
            if (source != stream)
            {
                source.Dispose();
            }
        }
    }

    private static FileStream OpenOrThrow(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataFileException(path, $"cannot open ({e.Message})");
        }
    }

    private static bool IsGzip(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[2];
        var read = stream.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        stream.Seek(-read, SeekOrigin.Current);
        return read == 2 && head[0] == 0x1F && head[1] == 0x8B;
    }

    private static IdxArray ReadPlain(Stream stream, string name)
    {
        Span<byte> magic = stackalloc byte[4];
        if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4)
        {
            throw new InvalidDataFileException(name, "file is shorter than the 4-byte IDX magic number");
        }

        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new InvalidDataFileException(name, $"not an IDX file (magic number starts {magic[0]:X2} {magic[1]:X2}, expected 00 00)");
        }

        var type = (IdxElementType)magic[2];
        var elementSize = IdxArray.ElementSize(type);
        if (elementSize == 0)
        {
            throw new InvalidDataFileException(name, $"unknown IDX element type 0x{magic[2]:X2}");
        }

        int rank = magic[3];
        if (rank is 0 or > MaxRank)
        {
            throw new InvalidDataFileException(name, $"IDX rank {rank} is outside 1..{MaxRank}");
        }

        var header = new byte[rank * 4];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
        {
            throw new InvalidDataFileException(name, $"file ends inside the {rank} dimension sizes");
        }

        var dimensions = new int[rank];
        long bytes = elementSize;
        for (var i = 0; i < rank; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(i * 4));
            if (dimensions[i] < 0)
            {
                throw new InvalidDataFileException(name, $"dimension {i} is negative ({dimensions[i]})");
            }

            bytes *= dimensions[i];
            if (bytes > MaxDataBytes)
            {
                throw new InvalidDataFileException(name, $"dimensions [{string.Join(", ", dimensions[..(i + 1)])}...] need more than {MaxDataBytes} bytes");
            }
        }

        var data = ReadExactly(stream, (int)bytes, name);
        Span<byte> probe = stackalloc byte[1];
        if (stream.Read(probe) != 0)
        {
            throw new InvalidDataFileException(name, $"trailing bytes after the {bytes} data bytes that dimensions [{string.Join(", ", dimensions)}] call for");
        }

        return new IdxArray(type, dimensions, data);
    }

    /// <summary>Reads the payload in growing chunks, so a header that lies about the size cannot force a huge allocation.</summary>
    private static byte[] ReadExactly(Stream stream, int count, string name)
    {
        var buffer = new byte[Math.Min(count, InitialChunk)];
        var filled = 0;
        while (filled < count)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(count, 2L * buffer.Length));
            }

            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                throw new InvalidDataFileException(name, $"file holds {filled} data bytes but its dimensions call for {count}");
            }

            filled += read;
        }

        return buffer;
    }
}
