using Mote.Graph;
using Mote.Runtime.Quantization;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>MUL of int8 tensors with broadcasting → mote_binary: (x1 − zp1)(x2 − zp2) requantized by scale1·scale2/output scale.</summary>
internal sealed class MulEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        var options = layer.Operator.Options as MulDivOptions;
        layer.Require(options is not null, "options are missing");
        layer.Require(ActivationRange.IsSupported(options!.Activation), $"fused activation {options.Activation} is not supported");
        var output = layer.Output(0);
        layer.RequireInt8(layer.Input(0), layer.Input(1), output);
        (float scale1, int zeroPoint1) = layer.Quantization(layer.Input(0));
        (float scale2, int zeroPoint2) = layer.Quantization(layer.Input(1));
        (float outputScale, int outputZeroPoint) = layer.Quantization(output);
        // As the interpreter: the scale product in double.
        var multiplier = QuantizedMultiplier.From((double)scale1 * scale2 / outputScale);
        (int min, int max) = ActivationRange.Quantized(options.Activation, output.Type, outputScale, outputZeroPoint);
        BroadcastBinary.Emit(layer, "MOTE_BINARY_MUL",
        [
            ("size", Int(checked((int)output.Shape.ElementCount))),
            ("input1_offset", Int(-zeroPoint1)),
            ("input2_offset", Int(-zeroPoint2)),
            ("output_offset", Int(outputZeroPoint)),
            ("output_multiplier", Int(multiplier.Multiplier)),
            ("output_shift", Int(multiplier.Shift)),
            ("activation_min", Int(min)),
            ("activation_max", Int(max)),
        ]);
    }
}
