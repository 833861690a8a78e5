using Mote.Graph;
using Mote.Runtime.Kernels.Common;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>The call of mote_binary (ADD, SUB, MUL with broadcasting) for an operator whose arithmetic is already worked out.</summary>
internal static class BroadcastBinary
{
    /// <summary>The most axes mote_binary walks (MOTE_BINARY_MAX_RANK).</summary>
    private const int MaxRank = 6;

    /// <param name="operation">MOTE_BINARY_ADD, _SUB or _MUL.</param>
    /// <param name="arithmetic">The fields of its mote_add_params.</param>
    public static void Emit(LayerContext layer, string operation, IEnumerable<(string Field, string Value)> arithmetic)
    {
        layer.UseRuntime("mote_add_s8.h", "mote_values.h", "mote_binary.h", "mote_binary.c");
        var a = layer.Input(0).Shape;
        var b = layer.Input(1).Shape;
        var output = layer.Output(0);
        int rank = output.Shape.Rank;
        layer.Require(a.Rank <= rank && b.Rank <= rank, $"inputs {a} and {b} have more dimensions than output {output.Shape}");
        int[] dims = [.. output.Shape.Dimensions];
        (int[] merged, int[][] steps) = AxisMerge.Merge(dims, Steps(layer, a, dims), Steps(layer, b, dims), Gather.Strides(output.Shape));
        layer.Require(merged.Length <= MaxRank, $"the operation walks {merged.Length} axes; the C runtime walks at most {MaxRank}");
        var parameters = layer.Params("mote_binary_params",
        [
            ("arithmetic", "{ " + string.Join(", ", arithmetic.Select(f => $".{f.Field} = {f.Value}")) + " }"),
            ("operation", operation),
            ("element_size", Int(output.Type.ElementSize())),
            ("rank", Int(merged.Length)),
            ("dims", AxisMerge.List(merged)),
            ("input1_steps", AxisMerge.List(steps[0])),
            ("input2_steps", AxisMerge.List(steps[1])),
        ]);
        layer.Body.Line($"mote_binary({parameters}, {layer.InputRef(0)}, {layer.InputRef(1)}, {layer.OutputRef(0)});");
    }

    /// <summary>An input's steps over the output's axes: its own row-major strides, right-aligned, and 0 where it broadcasts.</summary>
    private static int[] Steps(LayerContext layer, Shape input, int[] dims)
    {
        int offset = dims.Length - input.Rank;
        int[] strides = Gather.Strides(input);
        var steps = new int[dims.Length];
        for (int axis = offset; axis < dims.Length; axis++)
        {
            int size = input[axis - offset];
            layer.Require(size == dims[axis] || size == 1, $"input {input} does not broadcast to {string.Join("x", dims)}");
            steps[axis] = size == 1 ? 0 : strides[axis - offset];
        }

        return steps;
    }
}
