using System.Runtime.InteropServices;
using Mote.Graph;

namespace Mote.Runtime.Tests.Signal;

/// <summary>
/// The builtin operators the audio_preprocessor graphs use around the signal operators (CAST, CONCATENATION, int32
/// MUL/DIV, MINIMUM/MAXIMUM), on hand-built graphs, at the edges the conformance cases do not reach.
/// </summary>
public sealed class FrontEndBuiltinTests
{
    [Fact]
    public void Int32_div_truncates_toward_zero_and_never_throws()
    {
        var div = new Operator(OpType.Div, [0, 1], [2]) { Options = new MulDivOptions() };

        int[] result = Run<int, int>(div, [7, -7, 5, int.MinValue], [2, 2, 0, -1], Int32(4), Int32(4), Int32(4));

        Assert.Equal([3, -3, 0, int.MinValue], result);
    }

    [Fact]
    public void Cast_wraps_integers_like_static_cast()
    {
        var cast = new Operator(OpType.Cast, [0], [1]);
        var interpreter = Interpreter.Create(Graph(cast, Int32(3), new Tensor("o", DataType.Int8, Shape.Of(3))), "m");
        interpreter.SetInput(0, MemoryMarshal.AsBytes<int>([200, -129, 127]));

        interpreter.Invoke();

        Assert.Equal([-56, 127, 127], MemoryMarshal.Cast<byte, sbyte>(interpreter.GetOutput(0)).ToArray());
    }

    [Fact]
    public void Concatenation_joins_blocks_along_an_inner_axis()
    {
        var concat = new Operator(OpType.Concatenation, [0, 1], [2]) { Options = new ConcatenationOptions(1) };

        int[] result = Run<int, int>(concat, [1, 2, 3, 4], [5, 6], Int32(2, 2), Int32(2, 1), Int32(2, 3));

        Assert.Equal([1, 2, 5, 3, 4, 6], result);
    }

    [Fact]
    public void Minimum_and_maximum_broadcast_a_scalar()
    {
        var min = new Operator(OpType.Minimum, [0, 1], [2]);
        var max = new Operator(OpType.Maximum, [0, 1], [2]);

        Assert.Equal([-5, 0, 0], Run<int, int>(min, [-5, 0, 9], [0], Int32(3), Int32(), Int32(3)));
        Assert.Equal([0, 0, 9], Run<int, int>(max, [-5, 0, 9], [0], Int32(3), Int32(), Int32(3)));
    }

    private static TOut[] Run<TIn, TOut>(Operator op, TIn[] a, TIn[] b, Tensor ta, Tensor tb, Tensor output)
        where TIn : unmanaged
        where TOut : unmanaged
    {
        var interpreter = Interpreter.Create(Graph(op, ta, tb, output), "m");
        interpreter.SetInput(0, MemoryMarshal.AsBytes(a.AsSpan()));
        interpreter.SetInput(1, MemoryMarshal.AsBytes(b.AsSpan()));
        interpreter.Invoke();
        return MemoryMarshal.Cast<byte, TOut>(interpreter.GetOutput(0)).ToArray();
    }

    private static Model Graph(Operator op, params Tensor[] tensors) =>
        new([new Subgraph(tensors, [op], [.. Enumerable.Range(0, tensors.Length - 1)], [tensors.Length - 1])]);

    private static Tensor Int32(params int[] shape) => new("t", DataType.Int32, Shape.Of(shape));
}
