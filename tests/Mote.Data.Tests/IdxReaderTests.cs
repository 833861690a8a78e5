using System.Buffers.Binary;
using System.IO.Compression;
using Mote.Data;
using Mote.Data.Idx;

namespace Mote.Data.Tests;

public sealed class IdxReaderTests
{
    [Fact]
    public void Reads_a_plain_uint8_file()
    {
        var array = Read(Idx(0x08, [2, 3], [1, 2, 3, 4, 5, 255]));
        Assert.Equal(IdxElementType.UInt8, array.Type);
        Assert.Equal([2, 3], array.Dimensions);
        Assert.Equal([1, 2, 3, 4, 5, 255], array.ToInt32s());
        Assert.Equal(1f, array.ToSingles(1f / 255f)[5]);
    }

    [Fact]
    public void Reads_gzip_by_content_and_big_endian_elements()
    {
        var payload = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(payload, -7);
        BinaryPrimitives.WriteSingleBigEndian(payload.AsSpan(4), 0f);
        var array = Read(Gzip(Idx(0x0C, [2], payload)));
        Assert.Equal([-7, 0], array.ToInt32s());
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 8, 1, 0, 0, 0, 1, 9 }, "not an IDX file")]
    [InlineData(new byte[] { 0, 0, 7, 1, 0, 0, 0, 1, 9 }, "unknown IDX element type 0x07")]
    [InlineData(new byte[] { 0, 0, 8, 0 }, "rank 0")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 0, 0 }, "ends inside the 2 dimension sizes")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0xFF, 0xFF, 0xFF, 0xFF }, "negative")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 1, 2 }, "holds 2 data bytes but its dimensions call for 3")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 1, 2 }, "trailing bytes")]
    [InlineData(new byte[] { 0, 0 }, "shorter than the 4-byte")]
    public void Rejects_malformed_input_naming_the_file(byte[] bytes, string problem)
    {
        var error = Assert.Throws<InvalidDataFileException>(() => IdxReader.Read(new MemoryStream(bytes), "bad.idx"));
        Assert.Contains(problem, error.Message);
        Assert.StartsWith("bad.idx: ", error.Message);
    }

    [Fact]
    public void A_header_claiming_gigabytes_fails_without_allocating_them()
    {
        // 0x7FFF0000 × 1 bytes claimed, 3 present, behind gzip so the length cannot be checked up front.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataFileException>(() => Read(Gzip(Idx(0x08, [0x7FFF0000], [1, 2, 3]))));
        Assert.Contains("holds 3 data bytes", error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 << 20);
    }

    [Fact]
    public void Dimensions_whose_product_overflows_are_rejected()
    {
        var error = Assert.Throws<InvalidDataFileException>(() => Read(Idx(0x0E, [65536, 65536, 65536], [])));
        Assert.Contains("need more than", error.Message);
    }

    [Fact]
    public void Corrupt_gzip_is_reported_as_bad_data()
    {
        var bytes = Gzip(Idx(0x08, [4], [1, 2, 3, 4]));
        bytes[12] ^= 0xFF;
        bytes[^5] ^= 0xFF;
        Assert.Throws<InvalidDataFileException>(() => Read(bytes));
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        var error = Assert.Throws<InvalidDataFileException>(() => IdxReader.Read("/nonexistent/x.idx"));
        Assert.StartsWith("/nonexistent/x.idx: cannot open", error.Message);
    }

    internal static byte[] Idx(byte type, int[] dimensions, byte[] payload)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + payload.Length];
        bytes[2] = type;
        bytes[3] = (byte)dimensions.Length;
        for (var i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dimensions[i]);
        }

        payload.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    internal static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static IdxArray Read(byte[] bytes) => IdxReader.Read(new MemoryStream(bytes), "test.idx");
}
