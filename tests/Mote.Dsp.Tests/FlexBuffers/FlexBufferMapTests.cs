using Mote.Graph;
using Mote.Graph.FlexBuffers;

namespace Mote.Dsp.Tests.FlexBuffers;

public sealed class FlexBufferMapTests
{
    // {"a": 7, "b": -2}, laid out by hand as flexbuffers::Builder does with 1-byte widths:
    // keys "a\0" "b\0", key vector [len 2, off 5, off 4], map prefix [keys off 2, keys width 1, len 2],
    // values [7, -2], value types [Int, Int], root [off 4, type Map|w1, width 1].
    private static readonly byte[] s_smallMap =
        [0x61, 0, 0x62, 0, 2, 5, 4, 2, 1, 2, 7, 0xFE, 4, 4, 4, 36, 1];

    [Fact]
    public void Reads_a_hand_built_map()
    {
        var map = FlexBufferMap.Parse(s_smallMap, "test");

        Assert.Equal(["a", "b"], map.Keys.ToArray());
        Assert.Equal(7, map["a"].AsInt32());
        Assert.Equal(-2, map["b"].AsInt64());
        Assert.Equal(-2, map[1].AsInt32());
        Assert.Equal(FlexBufferType.Int, map["a"].Type);
        Assert.False(map.ContainsKey("c"));
    }

    [Fact]
    public void A_missing_key_names_the_source_and_the_key()
    {
        var map = FlexBufferMap.Parse(s_smallMap, "model.tflite: op 3");

        var error = Assert.Throws<InvalidModelException>(() => map["shift"]);

        Assert.Equal("model.tflite: op 3: option 'shift' is missing", error.Message);
    }

    [Fact]
    public void A_type_mismatch_is_an_invalid_model()
    {
        var map = FlexBufferMap.Parse(s_smallMap, "test");

        Assert.Throws<InvalidModelException>(() => map["a"].AsString());
        Assert.Throws<InvalidModelException>(() => map["b"].AsUInt64());
    }

    [Fact]
    public void Every_truncation_is_rejected_cleanly()
    {
        for (int length = 0; length < s_smallMap.Length; length++)
        {
            byte[] truncated = s_smallMap[..length];
            Assert.Throws<InvalidModelException>(() => FlexBufferMap.Parse(truncated, "test"));
        }
    }

    [Fact]
    public void Every_single_byte_corruption_is_parsed_or_rejected_cleanly()
    {
        // Untrusted input: no IndexOutOfRange, overflow or stack overflow, whatever byte changes.
        for (int i = 0; i < s_smallMap.Length; i++)
        {
            for (int value = 0; value < 256; value++)
            {
                byte[] corrupt = (byte[])s_smallMap.Clone();
                corrupt[i] = (byte)value;
                try
                {
                    FlexBufferMap.Parse(corrupt, "test");
                }
                catch (InvalidModelException)
                {
                }
            }
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(16)]
    public void A_bad_root_width_is_rejected(byte width)
    {
        byte[] corrupt = (byte[])s_smallMap.Clone();
        corrupt[^1] = width;

        var error = Assert.Throws<InvalidModelException>(() => FlexBufferMap.Parse(corrupt, "test"));

        Assert.Contains("root width", error.Message);
    }

    [Fact]
    public void An_offset_that_does_not_point_backwards_is_rejected()
    {
        byte[] corrupt = (byte[])s_smallMap.Clone();
        corrupt[14] = 0; // the root's offset to the map

        Assert.Throws<InvalidModelException>(() => FlexBufferMap.Parse(corrupt, "test"));
    }

    [Fact]
    public void A_root_that_is_not_a_map_is_rejected()
    {
        byte[] integer = [42, 4, 1]; // root Int 42, width 1

        var error = Assert.Throws<InvalidModelException>(() => FlexBufferMap.Parse(integer, "test"));

        Assert.Contains("expected a map", error.Message);
    }

    [Fact]
    public void Deep_nesting_is_rejected()
    {
        // A chain of one-element untyped vectors, each pointing at the previous one: [[[[...]]]].
        var bytes = new List<byte> { 0 }; // innermost: an empty vector's length
        int previous = 1;                 // its (empty) element start
        for (int depth = 0; depth < FlexBufferMap.MaxDepth + 2; depth++)
        {
            bytes.Add(1);                                   // length 1
            int position = bytes.Count;
            bytes.Add((byte)(position - previous));         // offset to the inner vector
            bytes.Add((byte)((int)FlexBufferType.Vector << 2)); // its type
            previous = position;
        }

        int root = bytes.Count;
        bytes.Add((byte)(root - previous));
        bytes.Add((byte)((int)FlexBufferType.Vector << 2));
        bytes.Add(1);

        var error = Assert.Throws<InvalidModelException>(() => FlexBufferMap.Parse(bytes.ToArray(), "test"));

        Assert.Contains("nesting", error.Message);
    }
}
