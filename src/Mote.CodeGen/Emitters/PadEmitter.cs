using System.Globalization;
using Mote.Graph;
using Mote.Runtime.Kernels.Common;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>PAD and PADV2 with constant paddings, any element type C holds → mote_pad (fill, then copy the input inside).</summary>
internal sealed class PadEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        layer.UseRuntime([.. AffineCopy.RuntimeFiles, "mote_pad.h", "mote_pad.c"]);
        AffineCopy.RequireCopyable(layer);
        var input = layer.Input(0);
        var output = layer.Output(0);
        int[] paddings = ConstantOperand.Ints(layer, 1);
        int rank = input.Shape.Rank;
        layer.Require(paddings.Length == 2 * rank && output.Shape.Rank == rank, $"paddings [{string.Join(",", paddings)}] do not fit input {input.Shape}");
        for (int axis = 0; axis < rank; axis++)
        {
            layer.Require(paddings[2 * axis] >= 0 && paddings[(2 * axis) + 1] >= 0
                && output.Shape[axis] == input.Shape[axis] + paddings[2 * axis] + paddings[(2 * axis) + 1],
                $"output {output.Shape} does not match input {input.Shape} padded by [{string.Join(",", paddings)}]");
        }

        int[] outputStrides = Gather.Strides(output.Shape);
        int[] inputStrides = Gather.Strides(input.Shape);
        int start = Enumerable.Range(0, rank).Sum(axis => paddings[2 * axis] * outputStrides[axis]);
        var copy = new AffineCopy([.. input.Shape.Dimensions], inputStrides, outputStrides, InputStart: 0, OutputStart: start);
        var parameters = layer.Params("mote_pad_params",
        [
            ("output_size", Int(checked((int)output.Shape.ElementCount))),
            ("fill", Fill(layer, output)),
            ("copy", copy.Initializer(layer, output.Type.ElementSize())),
        ]);
        layer.Body.Line($"mote_pad({parameters}, {layer.InputRef(0)}, {layer.OutputRef(0)});");
    }

    /// <summary>PADV2's constant value, else zero: the output zero point when quantized (as TFLite), as an int32 of the element's bits.</summary>
    private static string Fill(LayerContext layer, Tensor output)
    {
        if (layer.HasInput(2))
        {
            var value = layer.Input(2);
            layer.Require(value.Type == output.Type && value.Shape.ElementCount == 1 && value.Data is not null,
                "the pad value must be one constant element of the output type");
            var bytes = value.Data!.Value.AsSpan();
            return Int(value.Type switch
            {
                DataType.Float32 or DataType.Int32 => BitConverter.ToInt32(bytes),
                DataType.Int16 => BitConverter.ToInt16(bytes),
                DataType.UInt8 => bytes[0],
                _ => (sbyte)bytes[0],
            });
        }

        return Int(output.Quantization is { HasScales: true } ? layer.Quantization(output).ZeroPoint : 0);
    }
}
