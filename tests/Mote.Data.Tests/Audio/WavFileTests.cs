using System.Buffers.Binary;
using System.Text;
using Mote.Data.Audio;

namespace Mote.Data.Tests.Audio;

/// <summary>The WAV reader on good files, on files in other formats, and on malformed or hostile headers.</summary>
public sealed class WavFileTests
{
    [Fact]
    public void Written_audio_reads_back()
    {
        var audio = new PcmAudio(16000, [0, 1, -1, short.MaxValue, short.MinValue, 1234]);
        var stream = new MemoryStream();
        WavFile.Write(stream, audio);
        stream.Position = 0;

        var read = WavFile.Read(stream, "clip.wav", 16000);

        Assert.Equal(44 + 12, stream.Length);
        Assert.Equal(audio.Samples, read.Samples);
        Assert.Equal(16000, read.SampleRate);
    }

    [Fact]
    public void Unknown_chunks_and_odd_padding_are_skipped()
    {
        byte[] file = Riff(Chunk("LIST", [1, 2, 3]), Format(1, 1, 16000, 16), Chunk("data", [5, 0, 251, 255]));

        var read = WavFile.Read(new MemoryStream(file), "clip.wav", 16000);

        Assert.Equal(new short[] { 5, -5 }, read.Samples);
    }

    [Theory]
    [InlineData(1, 2, 16000, 16, "has PCM, 16-bit, 2 channel(s), 16000 Hz; needs PCM, 16-bit, 1 channel (mono), 16000 Hz")]
    [InlineData(1, 1, 44100, 16, "has PCM, 16-bit, 1 channel(s), 44100 Hz")]
    [InlineData(1, 1, 16000, 8, "has PCM, 8-bit, 1 channel(s), 16000 Hz")]
    [InlineData(3, 1, 16000, 32, "has format code 3, 32-bit, 1 channel(s), 16000 Hz")]
    public void Other_formats_are_refused_saying_what_the_file_has(int code, int channels, int rate, int bits, string message)
    {
        byte[] file = Riff(Format(code, channels, rate, bits), Chunk("data", new byte[8]));

        var error = Assert.Throws<InvalidDataFileException>(() => WavFile.Read(new MemoryStream(file), "clip.wav", 16000));

        Assert.Equal("clip.wav", error.Path);
        Assert.Contains(message, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chunk_larger_than_the_file_is_refused_before_allocating()
    {
        byte[] file = Riff(Format(1, 1, 16000, 16), Chunk("data", new byte[4]));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 8), 0xFFFFFFF0);

        var error = Assert.Throws<InvalidDataFileException>(() => WavFile.Read(new MemoryStream(file), "clip.wav", 16000));

        Assert.Contains("declares 4294967280 bytes but only 4 follow", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a wav file at all", "is not a WAV file")]
    [InlineData("RIFF\0\0\0\0WAVE", "has no fmt chunk")]
    public void Malformed_files_are_refused(string content, string message)
    {
        var error = Assert.Throws<InvalidDataFileException>(() => WavFile.Read(new MemoryStream(Encoding.ASCII.GetBytes(content)), "x.wav", 16000));

        Assert.Contains(message, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_before_format_and_odd_sample_bytes_are_refused()
    {
        var early = Assert.Throws<InvalidDataFileException>(() =>
            WavFile.Read(new MemoryStream(Riff(Chunk("data", new byte[4]), Format(1, 1, 16000, 16))), "x.wav", 16000));
        var odd = Assert.Throws<InvalidDataFileException>(() =>
            WavFile.Read(new MemoryStream(Riff(Format(1, 1, 16000, 16), Chunk("data", new byte[3]))), "x.wav", 16000));

        Assert.Contains("before the fmt chunk", early.Problem, StringComparison.Ordinal);
        Assert.Contains("not a whole number of 16-bit samples", odd.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Micro_speech_front_end_pads_short_clips_and_truncates_long_ones()
    {
        var frontEnd = new AudioFrontEnd();
        var clip = new short[16000];
        new Random(7).NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(clip.AsSpan()));
        var half = clip[..8000];
        var padded = new short[16000];
        half.CopyTo(padded, 0);

        Assert.Equal(49 * 40, frontEnd.FeatureCount);
        Assert.Equal(frontEnd.Int8Features(padded), frontEnd.Int8Features(half));
        Assert.Equal(frontEnd.Int8Features(clip), frontEnd.Int8Features([.. clip, .. new short[5000]]));
    }

    [Theory]
    [InlineData("""{"kind": "mfcc"}""", "unknown front-end kind 'mfcc'")]
    [InlineData("""{"kind": "micro_speech", "clip_ms": 0}""", "clip_ms 0 is not between")]
    [InlineData("""{"kind": "micro_speech", "micro_speech": {"num_chanels": 40}}""", "invalid front-end JSON")]
    [InlineData("""{"kind": "micro_speech", "micro_speech": {"window_stride_ms": 0}}""", "invalid micro_speech configuration")]
    [InlineData("not json", "invalid front-end JSON")]
    public void Front_end_json_is_checked(string json, string message)
    {
        var error = Assert.Throws<InvalidDataFileException>(() => AudioFrontEnd.FromJson(Encoding.UTF8.GetBytes(json), "m.tflite: metadata"));

        Assert.Contains(message, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Front_end_json_overrides_the_defaults()
    {
        var frontEnd = AudioFrontEnd.FromJson("""{"kind": "micro_speech", "clip_ms": 500, "micro_speech": {"num_channels": 32}}"""u8, "m");

        Assert.Equal(new AudioFrontEnd { ClipMs = 500, MicroSpeech = new() { NumChannels = 32 } }, frontEnd);
        Assert.Equal(24 * 32, frontEnd.FeatureCount);
    }

    private static byte[] Riff(params byte[][] chunks) =>
        [.. "RIFF"u8, .. Le32(4 + chunks.Sum(c => c.Length)), .. "WAVE"u8, .. chunks.SelectMany(c => c)];

    private static byte[] Chunk(string id, byte[] data) =>
        [.. Encoding.ASCII.GetBytes(id), .. Le32(data.Length), .. data, .. data.Length % 2 == 1 ? new byte[1] : []];

    private static byte[] Format(int code, int channels, int rate, int bits)
    {
        var data = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(data, (ushort)code);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(8), (uint)(rate * channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(12), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(14), (ushort)bits);
        return Chunk("fmt ", data);
    }

    private static byte[] Le32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }
}
