using Mote.Graph;
using Mote.Runtime.Quantization;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>FULLY_CONNECTED (int8, per-tensor or per-channel weights) → mote_fc_s8 on the shared matrix kernel.</summary>
internal sealed class FullyConnectedEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        var options = layer.Operator.Options as FullyConnectedOptions;
        layer.Require(options is not null, "options are missing");
        layer.Require(options!.WeightsFormat == FullyConnectedWeightsFormat.Default, "shuffled weights are not supported");
        layer.Require(ActivationRange.IsSupported(options.Activation), $"fused activation {options.Activation} is not supported");
        var input = layer.Input(0);
        var weights = layer.Input(1);
        var output = layer.Output(0);
        layer.RequireInt8(input, weights, output);
        layer.Require(weights.IsConstant && weights.Shape.Rank == 2, $"weights must be a constant 2-D tensor, got {weights.Shape}");
        int units = weights.Shape[0];
        int depth = weights.Shape[1];
        layer.Require(depth > 0 && input.Shape.ElementCount % depth == 0, $"input {input.Shape} is not a multiple of the weights depth {depth}");
        int batches = (int)(input.Shape.ElementCount / depth);
        layer.Require(output.Shape.ElementCount == (long)batches * units, $"output {output.Shape} does not hold {batches}×{units} values");

        (float inputScale, int inputZeroPoint) = layer.Quantization(input);
        (float outputScale, int outputZeroPoint) = layer.Quantization(output);
        var weightScales = layer.WeightScales(weights, units);
        bool perChannel = weightScales.Count > 1;
        (var multipliers, var shifts) = perChannel
            ? QuantizedMultiplier.PerChannel(inputScale, weightScales.AsSpan(), outputScale, units)
            : PerTensor(QuantizedMultiplier.ForProduct(inputScale, weightScales[0], outputScale));
        (int min, int max) = ActivationRange.Quantized(options.Activation, output.Type, outputScale, outputZeroPoint);
        var bias = Bias(layer, units);

        layer.UseRuntime([.. GemmRuntime, "mote_fc_s8.h", "mote_fc_s8.c"]);
        var parameters = layer.Params("mote_fc_params",
        [
            ("batches", Int(batches)),
            ("units", Int(units)),
            ("depth", Int(depth)),
            ("input_offset", Int(-inputZeroPoint)),
            ("output_offset", Int(outputZeroPoint)),
            ("activation_min", Int(min)),
            ("activation_max", Int(max)),
            ("per_channel", perChannel ? "1" : "0"),
            ("multipliers", layer.Int32Array("multipliers", multipliers)),
            ("shifts", layer.Int32Array("shifts", shifts)),
        ]);
        layer.Body.Line($"mote_fc_s8({parameters}, {layer.InputRef(0)}, {layer.InputRef(1)}, {bias}, {layer.OutputRef(0)});");
    }

    private static (int[] Multipliers, int[] Shifts) PerTensor(QuantizedMultiplier q) => ([q.Multiplier], [q.Shift]);
}
