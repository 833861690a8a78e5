using Mote.Graph;
using Mote.Runtime.Quantization;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// TRANSPOSE_CONV with int16 activations and int8 weights → mote_transpose_conv_s16. As TFLM (and the interpreter), the
/// output-shape input is ignored in favour of the output tensor's shape and no fused activation is applied.
/// </summary>
internal sealed class TransposeConvEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        layer.UseRuntime("mote_conv_params.h", "mote_requant_s64.h", "mote_transpose_conv_s16.h", "mote_transpose_conv_s16.c");
        var options = layer.Operator.Options as TransposeConvOptions;
        layer.Require(options is not null, "options are missing");
        var filter = layer.Input(1);
        var input = layer.Input(2);
        var output = layer.Output(0);
        layer.Require(input.Type == DataType.Int16 && filter.Type == DataType.Int8 && output.Type == DataType.Int16,
            $"type combination {input.Type.TfLiteName()} → {filter.Type.TfLiteName()} → {output.Type.TfLiteName()} is not supported (int16 activations, int8 weights)");
        layer.Require(filter.IsConstant && filter.Shape.Rank == 4 && input.Shape.Rank == 4 && output.Shape.Rank == 4
            && filter.Shape[3] == input.Shape[3] && filter.Shape[0] == output.Shape[3] && input.Shape[0] == output.Shape[0],
            $"filter {filter.Shape} does not match input {input.Shape} and output {output.Shape}");
        layer.Require(options!.StrideH > 0 && options.StrideW > 0, "strides must be positive");
        (float inputScale, int inputZeroPoint) = layer.Quantization(input);
        (float outputScale, int outputZeroPoint) = layer.Quantization(output);
        layer.Require(inputZeroPoint == 0 && outputZeroPoint == 0, "int16 activations must have zero point 0");

        // The padding of the convolution that maps the output back onto the input, as the interpreter.
        int height = output.Shape[1];
        int width = output.Shape[2];
        int filterHeight = filter.Shape[1];
        int filterWidth = filter.Shape[2];
        int padHeight = PaddingBefore(options.StrideH, 1, height, filterHeight, ShapeInference.OutputSize(height, filterHeight, options.StrideH, 1, options.Padding));
        int padWidth = PaddingBefore(options.StrideW, 1, width, filterWidth, ShapeInference.OutputSize(width, filterWidth, options.StrideW, 1, options.Padding));

        int channels = output.Shape[3];
        var filterScales = layer.WeightScales(filter, channels);
        (var multipliers, var shifts) = QuantizedMultiplier.PerChannel(inputScale, filterScales.AsSpan(), outputScale, channels);
        layer.Require(shifts.All(s => s < 15), "a requantization shift of 15 or more is not supported for int16 activations");
        (int min, int max) = ActivationRange.TypeRange(output.Type);
        var bias = Int64Bias(layer, channels, position: 3);
        var parameters = layer.Params("mote_conv_params",
        [
            ("batches", Int(input.Shape[0])),
            ("input_height", Int(input.Shape[1])),
            ("input_width", Int(input.Shape[2])),
            ("input_depth", Int(input.Shape[3])),
            ("output_height", Int(height)),
            ("output_width", Int(width)),
            ("output_depth", Int(channels)),
            ("filter_height", Int(filterHeight)),
            ("filter_width", Int(filterWidth)),
            ("filter_depth", Int(input.Shape[3])),
            ("stride_height", Int(options.StrideH)),
            ("stride_width", Int(options.StrideW)),
            ("dilation_height", Int(1)),
            ("dilation_width", Int(1)),
            ("pad_height", Int(padHeight)),
            ("pad_width", Int(padWidth)),
            ("input_offset", Int(0)),
            ("output_offset", Int(0)),
            ("activation_min", Int(min)),
            ("activation_max", Int(max)),
            ("multipliers", layer.Int32Array("multipliers", multipliers)),
            ("shifts", layer.Int32Array("shifts", shifts)),
        ]);
        layer.Body.Line($"mote_transpose_conv_s16({parameters}, {layer.InputRef(2)}, {layer.InputRef(1)}, {bias}, {layer.OutputRef(0)});");
    }
}
