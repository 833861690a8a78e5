using Mote.Graph;

namespace Mote.Compress.Quantization;

/// <summary>
/// The arithmetic of TFLite's int8 quantization specification: asymmetric per-tensor activations whose range is
/// widened to include zero (so zero is exact, as padding needs), symmetric [-127, 127] weights per channel or per
/// tensor with zero point 0, and int32 biases with scale input_scale × weight_scale and zero point 0.
/// </summary>
public static class Int8Quantization
{
    public const int Min = sbyte.MinValue;
    public const int Max = sbyte.MaxValue;

    /// <summary>Scale and zero point for an activation range, as TFLite's GetAsymmetricQuantizationParams chooses them.</summary>
    public static QuantizationParameters Activation(TensorRange range)
    {
        var min = range.IsEmpty ? 0f : Math.Min(range.Min, 0f);
        var max = range.IsEmpty ? 0f : Math.Max(range.Max, 0f);
        if (min == max)
        {
            // A tensor that was always zero: any scale represents it; 1 keeps downstream multipliers finite.
            return Parameters(1f, 0, min, max);
        }

        var scale = (max - min) / (Max - Min);
        var zeroPointFromMin = Min - min / scale;
        var zeroPoint = zeroPointFromMin < Min ? Min : zeroPointFromMin > Max ? Max : (int)MathF.Round(zeroPointFromMin, MidpointRounding.AwayFromZero);
        return Parameters(scale, zeroPoint, min, max);
    }

    /// <summary>
    /// Symmetric int8 weights with one scale per slice along <paramref name="axis"/> (or one for the whole tensor when
    /// <paramref name="perChannel"/> is false): scale = max |w| / 127, values rounded and clamped to [-127, 127].
    /// </summary>
    public static (sbyte[] Values, QuantizationParameters Quantization) Weights(ReadOnlySpan<float> weights, Shape shape, int axis, bool perChannel)
    {
        var (scales, channelOf) = WeightScales(weights, shape, axis, perChannel);
        var values = new sbyte[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            values[i] = QuantizeWeight(weights[i], scales[channelOf(i)]);
        }

        return (values, new QuantizationParameters(scales, new long[scales.Length], perChannel ? axis : 0));
    }

    /// <summary>
    /// The weights <see cref="Weights"/> would give, dequantized back to float (scale × q): what quantization-aware
    /// training computes with so that the int8 model later uses exactly these values.
    /// </summary>
    public static void FakeQuantizeWeights(ReadOnlySpan<float> weights, Shape shape, int axis, bool perChannel, Span<float> result)
    {
        var (scales, channelOf) = WeightScales(weights, shape, axis, perChannel);
        for (var i = 0; i < weights.Length; i++)
        {
            var scale = scales[channelOf(i)];
            result[i] = QuantizeWeight(weights[i], scale) * scale;
        }
    }

    /// <summary>The weight axis that carries output channels: 0 for CONV_2D and FULLY_CONNECTED, 3 for DEPTHWISE_CONV_2D.</summary>
    public static int ChannelAxis(OpType type) => type == OpType.DepthwiseConv2D ? 3 : 0;

    private static (float[] Scales, Func<int, int> ChannelOf) WeightScales(ReadOnlySpan<float> weights, Shape shape, int axis, bool perChannel)
    {
        var channels = perChannel ? shape[axis] : 1;
        var inner = 1;
        for (var d = axis + 1; d < shape.Rank; d++)
        {
            inner *= shape[d];
        }

        int ChannelOf(int index) => perChannel ? index / inner % channels : 0;

        var maxAbs = new float[channels];
        for (var i = 0; i < weights.Length; i++)
        {
            var c = ChannelOf(i);
            maxAbs[c] = Math.Max(maxAbs[c], Math.Abs(weights[i]));
        }

        return (Array.ConvertAll(maxAbs, m => m == 0 ? 1f : m / Max), ChannelOf);
    }

    private static sbyte QuantizeWeight(float weight, float scale) =>
        (sbyte)Math.Clamp(MathF.Round(weight / scale, MidpointRounding.AwayFromZero), -Max, Max);

    /// <summary>Int32 biases: bias[c] / (input scale × weight scale[c]), zero point 0, on the weights' channel axis.</summary>
    public static (int[] Values, QuantizationParameters Quantization) Bias(ReadOnlySpan<float> bias, float inputScale, QuantizationParameters weights)
    {
        var scales = new float[bias.Length];
        var values = new int[bias.Length];
        for (var c = 0; c < bias.Length; c++)
        {
            scales[c] = inputScale * weights.Scales[weights.IsPerChannel ? c : 0];
            values[c] = (int)Math.Clamp(Math.Round(bias[c] / (double)scales[c], MidpointRounding.AwayFromZero), int.MinValue, int.MaxValue);
        }

        return weights.IsPerChannel
            ? (values, new QuantizationParameters(scales, new long[bias.Length]))
            : (values, QuantizationParameters.PerTensor(scales[0], 0));
    }

    /// <summary>Rounds a real value to the int8 grid of per-tensor parameters.</summary>
    public static sbyte Quantize(float value, QuantizationParameters quantization) =>
        Quantize(value, quantization.Scales[0], (int)quantization.ZeroPoints[0]);

    /// <summary>
    /// Each value rounded to the int8 grid (scale, zero point) and back to real: the activation fake quantization of
    /// quantization-aware training, with the same rounding as <see cref="Quantize(float, QuantizationParameters)"/>.
    /// </summary>
    public static void FakeQuantize(ReadOnlySpan<float> values, float scale, int zeroPoint, Span<float> result)
    {
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = (Quantize(values[i], scale, zeroPoint) - zeroPoint) * scale;
        }
    }

    private static sbyte Quantize(float value, float scale, int zeroPoint) =>
        (sbyte)Math.Clamp(MathF.Round(value / scale, MidpointRounding.AwayFromZero) + zeroPoint, Min, Max);

    private static QuantizationParameters Parameters(float scale, int zeroPoint, float min, float max) =>
        new([scale], [zeroPoint], 0, [min], [max]);
}
