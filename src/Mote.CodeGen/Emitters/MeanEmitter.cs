using Mote.Graph;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>MEAN over constant axes, int8 or int16 → mote_mean (no scratch: each output's sum is one walk of the reduced axes).</summary>
internal sealed class MeanEmitter : IOperatorEmitter
{
    /// <summary>The most axes mote_mean walks on either side (MOTE_MEAN_MAX_RANK).</summary>
    private const int MaxRank = 6;

    public void Emit(LayerContext layer)
    {
        layer.UseRuntime("mote_values.h", "mote_mean.h", "mote_mean.c");
        layer.Require(layer.Operator.Options is ReducerOptions, "options are missing");
        var input = layer.Input(0);
        var output = layer.Output(0);
        layer.Require(input.Type == output.Type && input.Type is DataType.Int8 or DataType.Int16,
            $"type combination {input.Type.TfLiteName()} → {output.Type.TfLiteName()} is not supported (int8 or int16)");
        int rank = input.Shape.Rank;
        int[] axes = [.. ConstantOperand.Ints(layer, 1).Select(a => a < 0 ? a + rank : a)];
        layer.Require(axes.All(a => a >= 0 && a < rank), $"axes [{string.Join(",", axes)}] are outside input {input.Shape}");

        int[] strides = Gather.Strides(input.Shape);
        int[] kept = [.. Enumerable.Range(0, rank).Where(a => !axes.Contains(a))];
        int[] reduced = [.. Enumerable.Range(0, rank).Where(axes.Contains)];
        (int[] keptDims, int[][] keptSteps) = AxisMerge.Merge([.. kept.Select(a => input.Shape[a])], [.. kept.Select(a => strides[a])]);
        (int[] reducedDims, int[][] reducedSteps) = AxisMerge.Merge([.. reduced.Select(a => input.Shape[a])], [.. reduced.Select(a => strides[a])]);
        layer.Require(keptDims.Length <= MaxRank && reducedDims.Length <= MaxRank, $"the mean walks more than {MaxRank} axes");
        int outputSize = keptDims.Aggregate(1, (p, d) => p * d);
        int count = reducedDims.Aggregate(1, (p, d) => p * d);
        layer.Require(output.Shape.ElementCount == outputSize && count > 0,
            $"output {output.Shape} does not match input {input.Shape} reduced over [{string.Join(",", axes)}]");

        (float inputScale, int inputZeroPoint) = layer.Quantization(input);
        (float outputScale, int outputZeroPoint) = layer.Quantization(output);
        var q = QuantizedMultiplier.ForMean(inputScale, outputScale, count);
        (int min, int max) = ActivationRange.TypeRange(output.Type);
        var parameters = layer.Params("mote_mean_params",
        [
            ("kept_rank", Int(keptDims.Length)),
            ("kept_dims", AxisMerge.List(keptDims)),
            ("kept_steps", AxisMerge.List(keptSteps[0])),
            ("reduced_rank", Int(reducedDims.Length)),
            ("reduced_dims", AxisMerge.List(reducedDims)),
            ("reduced_steps", AxisMerge.List(reducedSteps[0])),
            ("output_size", Int(outputSize)),
            ("count", Int(count)),
            ("element_size", Int(output.Type.ElementSize())),
            ("input_zero_point", Int(inputZeroPoint)),
            ("output_zero_point", Int(outputZeroPoint)),
            ("multiplier", Int(q.Multiplier)),
            ("shift", Int(q.Shift)),
            ("output_min", Int(min)),
            ("output_max", Int(max)),
        ]);
        layer.Body.Line($"mote_mean({parameters}, {layer.InputRef(0)}, {layer.OutputRef(0)});");
    }
}
