using Mote.Graph;
using Mote.Runtime.Kernels;
using Mote.Runtime.Kernels.Common;

namespace Mote.CodeGen.Emitters;

/// <summary>STRIDED_SLICE with constant begin, end and strides (TFLite's masks resolved at generation time) → mote_copy.</summary>
internal sealed class StridedSliceEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        layer.UseRuntime(AffineCopy.RuntimeFiles);
        AffineCopy.RequireCopyable(layer);
        var options = layer.Operator.Options as StridedSliceOptions;
        layer.Require(options is not null, "options are missing");
        layer.Require(options!.EllipsisMask == 0 && options.NewAxisMask == 0, "ellipsis and new-axis masks are not supported");
        var input = layer.Input(0).Shape;
        int rank = input.Rank;
        int[] begin = ConstantOperand.Ints(layer, 1);
        int[] end = ConstantOperand.Ints(layer, 2);
        int[] strides = layer.HasInput(3) ? ConstantOperand.Ints(layer, 3) : [.. Enumerable.Repeat(1, rank)];
        layer.Require(begin.Length == rank && end.Length == rank && strides.Length == rank,
            $"begin, end and strides must have one value per input dimension ({rank})");
        layer.Require(strides.All(s => s != 0), "strides must not be zero");

        (int[] starts, int[] stops) = StridedSliceKernel.Bounds(options, input, begin, end, strides);
        int[] inputStrides = Gather.Strides(input);
        // Each axis takes ceil((stop − start) / stride) indices, none when the stop is behind the start.
        int[] dims = [.. Enumerable.Range(0, rank).Select(a => Math.Max(0, (stops[a] - starts[a] + strides[a] - Math.Sign(strides[a])) / strides[a]))];
        var output = layer.Output(0);
        layer.Require(dims.Aggregate(1L, (p, d) => p * d) == output.Shape.ElementCount,
            $"output {output.Shape} does not have the {string.Join("x", dims)} elements the slice takes");
        if (output.Shape.ElementCount == 0)
        {
            layer.Body.Comment("the slice is empty: nothing to do");
            return;
        }

        var copy = new AffineCopy(
            dims,
            [.. Enumerable.Range(0, rank).Select(a => strides[a] * inputStrides[a])],
            Gather.Strides(Shape.Of(dims)),
            InputStart: Enumerable.Range(0, rank).Sum(a => starts[a] * inputStrides[a]),
            OutputStart: 0);
        var parameters = layer.Params("mote_copy_params", copy.Fields(layer, output.Type.ElementSize()));
        layer.Body.Line($"mote_copy({parameters}, {layer.InputRef(0)}, {layer.OutputRef(0)});");
    }
}
