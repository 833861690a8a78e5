using Mote.Graph;
using Mote.Runtime.Kernels.Common;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// CONCATENATION along one axis → one mote_copy per input into its slice of the output. Quantized inputs must share
/// the output's scale and zero point, as the interpreter requires (no requantization).
/// </summary>
internal sealed class ConcatenationEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        layer.UseRuntime(AffineCopy.RuntimeFiles);
        var options = layer.Operator.Options as ConcatenationOptions;
        layer.Require(options is not null, "options are missing");
        layer.Require(options!.Activation == Activation.None, $"fused activation {options.Activation} is not supported");
        var output = layer.Output(0);
        int rank = output.Shape.Rank;
        int axis = options.Axis < 0 ? options.Axis + rank : options.Axis;
        layer.Require(axis >= 0 && axis < rank, $"axis {options.Axis} is outside the output's {rank} dimensions");
        layer.Require(AffineCopy.Copies(output.Type), $"{output.Type.TfLiteName()} is not supported");
        int[] outputStrides = Gather.Strides(output.Shape);
        int position = 0;
        for (int i = 0; i < layer.Operator.Inputs.Count; i++)
        {
            var input = layer.Input(i);
            layer.Require(input.Type == output.Type, $"input {i} is {input.Type.TfLiteName()}, the output {output.Type.TfLiteName()}");
            layer.Require(input.Quantization is not { HasScales: true } || SameQuantization(input, output),
                $"input {i} is quantized differently from the output, which needs requantization (not supported)");
            layer.Require(input.Shape.Rank == rank && Enumerable.Range(0, rank).All(d => d == axis || input.Shape[d] == output.Shape[d]),
                $"input {i} {input.Shape} does not fit output {output.Shape} outside axis {axis}");
            if (input.Shape.ElementCount > 0)
            {
                var copy = new AffineCopy([.. input.Shape.Dimensions], Gather.Strides(input.Shape), outputStrides, InputStart: 0, OutputStart: position * outputStrides[axis]);
                var parameters = layer.Params("mote_copy_params", copy.Fields(layer, output.Type.ElementSize()), $"copy{i}");
                layer.Body.Line($"mote_copy({parameters}, {layer.InputRef(i)}, {layer.OutputRef(0)});");
            }

            position += input.Shape[axis];
        }

        layer.Require(position == output.Shape[axis], $"the inputs add up to {position} along axis {axis}, the output has {output.Shape[axis]}");
    }

    private static bool SameQuantization(Tensor input, Tensor output) =>
        output.Quantization is { HasScales: true } q
        && input.Quantization!.Scales.SequenceEqual(q.Scales) && input.Quantization.ZeroPoints.SequenceEqual(q.ZeroPoints);
}
