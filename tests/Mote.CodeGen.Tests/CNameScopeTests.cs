namespace Mote.CodeGen.Tests;

public sealed class CNameScopeTests
{
    [Theory]
    [InlineData("conv/Relu;1", "conv_relu_1")]
    [InlineData("3x3", "_3x3")]
    [InlineData("::", "x")]
    [InlineData("StatefulPartitionedCall:0", "statefulpartitionedcall_0")]
    public void SanitizeGivesALegalIdentifier(string text, string expected) =>
        Assert.Equal(expected, CNameScope.Sanitize(text));

    [Fact]
    public void RepeatedAndReservedHintsGetDistinctNames()
    {
        var scope = new CNameScope();
        scope.Reserve("arena");

        Assert.Equal("arena_2", scope.Unique("arena"));
        Assert.Equal("w", scope.Unique("w"));
        Assert.Equal("w_2", scope.Unique("W"));
    }
}
