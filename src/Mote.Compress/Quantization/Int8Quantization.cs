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

        var scales = Array.ConvertAll(maxAbs, m => m == 0 ? 1f : m / Max);
        var values = new sbyte[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            values[i] = (sbyte)Math.Clamp(MathF.Round(weights[i] / scales[ChannelOf(i)], MidpointRounding.AwayFromZero), -Max, Max);
        }

        return (values, new QuantizationParameters(scales, new long[channels], perChannel ? axis : 0));
    }

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
        (sbyte)Math.Clamp(MathF.Round(value / quantization.Scales[0], MidpointRounding.AwayFromZero) + quantization.ZeroPoints[0], Min, Max);

    private static QuantizationParameters Parameters(float scale, int zeroPoint, float min, float max) =>
        new([scale], [zeroPoint], 0, [min], [max]);
}
