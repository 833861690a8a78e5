using Mote.Graph;

namespace Mote.Graph.Tests;

public class ValueArrayTests
{
    [Fact]
    public void Records_holding_value_arrays_compare_by_content()
    {
        var a = new Tensor("w", DataType.Int8, Shape.Of(2, 2)) { Data = new byte[] { 1, 2, 3, 4 } };
        var b = new Tensor("w", DataType.Int8, Shape.Of(2, 2)) { Data = new byte[] { 1, 2, 3, 4 } };
        var c = a with { Data = new byte[] { 1, 2, 3, 5 } };

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Default_value_array_is_empty()
    {
        ValueArray<int> empty = default;

        Assert.Empty(empty);
        Assert.Equal(ValueArray<int>.Empty, empty);
        Assert.Equal("[]", empty.ToString());
    }
}
