using System.Buffers.Binary;

namespace Mote.Data.Audio;

/// <summary>Mono 16-bit PCM audio: the samples and their rate.</summary>
public sealed record PcmAudio(int SampleRate, short[] Samples)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}

/// <summary>
/// Reads and writes RIFF/WAVE files holding 16-bit PCM mono audio, the form Mote's audio front ends take. Nothing is
/// resampled or mixed down: a file with another encoding, bit depth, channel count or sample rate is refused with an
/// <see cref="InvalidDataFileException"/> that says what the file has and what is needed.
/// </summary>
/// <remarks>
/// The input is untrusted. Chunks are walked by their declared sizes, and every size is checked against the bytes
/// actually left in the file before anything is read or allocated; the sample buffer is at most
/// <see cref="MaxDataBytes"/> and never larger than the file. Unknown chunks (LIST, fact, ...) are skipped;
/// <c>fmt </c> must come before <c>data</c>. <c>WAVE_FORMAT_EXTENSIBLE</c> is accepted when its subformat is PCM.
/// </remarks>
public static class WavFile
{
    /// <summary>Largest <c>data</c> chunk read: 256 MiB, over two hours of 16 kHz mono audio.</summary>
    public const int MaxDataBytes = 256 << 20;

    private const ushort FormatPcm = 1;
    private const ushort FormatExtensible = 0xFFFE;
    private const int HeaderBytes = 12;
    private const int ChunkHeaderBytes = 8;
    private const int PcmFormatBytes = 16;

    /// <summary>Reads a file that must be 16-bit PCM mono at <paramref name="sampleRate"/> Hz.</summary>
    public static PcmAudio Read(string path, int sampleRate)
    {
        FileStream file;
        try
        {
            file = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataFileException(path, $"cannot open ({e.Message})");
        }

        using (file)
        {
            return Read(file, path, sampleRate);
        }
    }

    /// <summary>Reads from a seekable stream; <paramref name="name"/> names the input in error messages.</summary>
    public static PcmAudio Read(Stream stream, string name, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The WAV reader needs a seekable stream, to check chunk sizes against its length.", nameof(stream));
        }

        Span<byte> header = stackalloc byte[HeaderBytes];
        if (!TryReadExactly(stream, header)
            || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataFileException(name, "is not a WAV file (no RIFF/WAVE header)");
        }

        Format? format = null;
        Span<byte> chunk = stackalloc byte[ChunkHeaderBytes];
        while (TryReadExactly(stream, chunk))
        {
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            long left = stream.Length - stream.Position;
            string id = ChunkId(chunk[..4]);
            if (size > left)
            {
                throw new InvalidDataFileException(name, $"chunk '{id}' declares {size} bytes but only {left} follow (truncated or corrupt file)");
            }

            if (id == "fmt ")
            {
                format = ReadFormat(stream, name, (int)size);
            }
            else if (id == "data")
            {
                if (format is null)
                {
                    throw new InvalidDataFileException(name, "the data chunk comes before the fmt chunk");
                }

                format.Value.Require(name, sampleRate);
                return new PcmAudio(sampleRate, ReadSamples(stream, name, size));
            }
            else
            {
                stream.Seek(size, SeekOrigin.Current);
            }

            // Chunks are padded to an even length.
            if ((size & 1) != 0 && stream.Position < stream.Length)
            {
                stream.Seek(1, SeekOrigin.Current);
            }
        }

        throw new InvalidDataFileException(name, format is null ? "has no fmt chunk" : "has no data chunk");
    }

    /// <summary>Writes 16-bit PCM mono samples as a canonical 44-byte-header WAV file (atomically).</summary>
    public static void Write(string path, PcmAudio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        string temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            Write(file, audio);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static void Write(Stream stream, PcmAudio audio)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(audio);
        int dataBytes = checked(audio.Samples.Length * sizeof(short));
        var bytes = new byte[HeaderBytes + ChunkHeaderBytes + PcmFormatBytes + ChunkHeaderBytes + dataBytes];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(bytes.Length - 8));
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], PcmFormatBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)audio.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(audio.SampleRate * sizeof(short)));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], sizeof(short));
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataBytes);
        for (int i = 0; i < audio.Samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (2 * i))..], audio.Samples[i]);
        }

        stream.Write(bytes);
    }

    private static Format ReadFormat(Stream stream, string name, int size)
    {
        if (size < PcmFormatBytes)
        {
            throw new InvalidDataFileException(name, $"the fmt chunk has {size} bytes, fewer than the {PcmFormatBytes} of PCM");
        }

        // WAVE_FORMAT_EXTENSIBLE adds 24 bytes; its subformat GUID starts with the format code.
        Span<byte> bytes = stackalloc byte[40];
        int kept = Math.Min(size, bytes.Length);
        stream.ReadExactly(bytes[..kept]);
        stream.Seek(size - kept, SeekOrigin.Current);
        ushort code = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        if (code == FormatExtensible && kept >= 40)
        {
            code = BinaryPrimitives.ReadUInt16LittleEndian(bytes[24..]);
        }

        return new Format(
            code,
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[12..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[14..]));
    }

    private static short[] ReadSamples(Stream stream, string name, uint size)
    {
        if (size > MaxDataBytes)
        {
            throw new InvalidDataFileException(name, $"the data chunk holds {size} bytes, more than the {MaxDataBytes} read");
        }

        if (size % sizeof(short) != 0)
        {
            throw new InvalidDataFileException(name, $"the data chunk holds {size} bytes, not a whole number of 16-bit samples");
        }

        var bytes = new byte[size];
        stream.ReadExactly(bytes);
        var samples = new short[size / sizeof(short)];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(2 * i));
        }

        return samples;
    }

    private static bool TryReadExactly(Stream stream, Span<byte> buffer) => stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;

    private static string ChunkId(ReadOnlySpan<byte> id)
    {
        Span<char> chars = stackalloc char[4];
        for (int i = 0; i < 4; i++)
        {
            chars[i] = id[i] is >= 0x20 and < 0x7F ? (char)id[i] : '?';
        }

        return new string(chars);
    }

    private readonly record struct Format(ushort Code, ushort Channels, uint SampleRate, ushort BlockAlign, ushort BitsPerSample)
    {
        public void Require(string name, int sampleRate)
        {
            string has = $"{(Code == FormatPcm ? "PCM" : $"format code {Code}")}, {BitsPerSample}-bit, {Channels} channel(s), {SampleRate} Hz";
            if (Code != FormatPcm || BitsPerSample != 16 || Channels != 1 || BlockAlign != sizeof(short) || SampleRate != sampleRate)
            {
                throw new InvalidDataFileException(name, $"has {has}; needs PCM, 16-bit, 1 channel (mono), {sampleRate} Hz (Mote does not resample or mix down)");
            }
        }
    }
}
