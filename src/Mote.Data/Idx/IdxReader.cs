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
        using var payload = OpenPayload(stream, name, MaxDataBytes);
        var data = ReadExactly(payload, (int)payload.Bytes);
        payload.CheckEnd();
        return new IdxArray(payload.Type, payload.Dimensions, data);
    }

    /// <summary>
    /// Opens <paramref name="path"/> and reads its header, leaving the stream at the first data byte, for a caller
    /// that reads the payload piece by piece; the payload may be larger than any array.
    /// </summary>
    public static IdxPayload OpenPayload(string path)
    {
        var file = OpenOrThrow(path);
        try
        {
            return OpenPayload(file, path, long.MaxValue, ownsStream: true);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static IdxPayload OpenPayload(Stream stream, string name, long maxBytes, bool ownsStream = false)
    {
        var source = IsGzip(stream) ? new GZipStream(stream, CompressionMode.Decompress, leaveOpen: !ownsStream) : stream;
        try
        {
            var (type, dimensions, bytes) = ReadHeader(source, name, maxBytes);
            return new IdxPayload(source, name, type, dimensions, bytes, disposeStream: source != stream || ownsStream);
        }
        catch (InvalidDataException e)
        {
            DisposeIfOwned();
            throw new InvalidDataFileException(name, $"corrupt gzip data ({e.Message})");
        }
        catch
        {
            DisposeIfOwned();
            throw;
        }

        void DisposeIfOwned()
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

    private static (IdxElementType Type, int[] Dimensions, long Bytes) ReadHeader(Stream stream, string name, long maxBytes)
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

            // Dimensions are below 2^31 and there are at most 8 of them: stop before the product can overflow.
            bytes *= dimensions[i];
            if (bytes > maxBytes || bytes > int.MaxValue * 256L)
            {
                throw new InvalidDataFileException(name, $"dimensions [{string.Join(", ", dimensions[..(i + 1)])}...] need more than {Math.Min(maxBytes, int.MaxValue * 256L)} bytes");
            }
        }

        return (type, dimensions, bytes);
    }

    /// <summary>Reads the payload in growing chunks, so a header that lies about the size cannot force a huge allocation.</summary>
    private static byte[] ReadExactly(IdxPayload payload, int count)
    {
        var buffer = new byte[Math.Min(count, InitialChunk)];
        var filled = 0;
        while (filled < count)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(count, 2L * buffer.Length));
            }

            payload.ReadExactly(buffer.AsSpan(filled));
            filled = buffer.Length;
        }

        return buffer;
    }
}
