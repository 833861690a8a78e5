using Mote.Compress.Quantization;
using Mote.TfLite;
using Xunit.Abstractions;

namespace Mote.Compress.Tests;

[Collection(FashionCollection.Name)]
public sealed class CalibrationMethodTests(TrainedFashionMnist fashion, ITestOutputHelper output)
{
    /// <summary>
    /// 10,000 values uniform in [0, 1) and one outlier at 100: the percentile range clips it. MSE keeps it, rightly:
    /// clipping it to 1 would cost 99² ≈ 9,800, more than the 10,001 rounding errors of Δ²/12 ≈ 0.013 each at Δ = 100/255.
    /// </summary>
    [Fact]
    public void Percentile_clips_a_lone_outlier_and_mse_weighs_it()
    {
        var random = new Random(1);
        var values = Enumerable.Range(0, 10_000).Select(_ => (float)random.NextDouble()).Append(100f).ToArray();
        var histogram = Filled(values);

        var percentile = RangeSelection.Percentile(histogram, 99.9);
        var mse = RangeSelection.MinimumMse(histogram);

        Assert.Equal(10_001, histogram.Total);
        Assert.Equal(0f, percentile.Min);
        Assert.InRange(percentile.Max, 0.99f, 1.1f);
        Assert.Equal(0f, mse.Min);
        Assert.InRange(mse.Max, 98f, 100f);
    }

    /// <summary>
    /// The oracle for MSE: really quantizing the values (TFLite's parameters and rounding) with the MSE range gives no
    /// more squared error than with the min/max or the percentile range, on light, heavy (Cauchy) and outlier data.
    /// </summary>
    [Fact]
    public void Mse_range_quantizes_with_no_more_error_than_min_max_or_percentile()
    {
        var random = new Random(5);
        float[][] sets =
        [
            [.. Enumerable.Range(0, 20_000).Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))],
            [.. Enumerable.Range(0, 20_000).Select(_ => (float)Math.Tan(Math.PI * (random.NextDouble() - 0.5)))],
            [.. Enumerable.Range(0, 20_000).Select(_ => (float)Math.Max(0, random.NextDouble() - 0.3)).Append(40f)],
        ];
        foreach (var values in sets)
        {
            var histogram = Filled(values);
            var mse = Error(values, RangeSelection.MinimumMse(histogram));
            var minMax = Error(values, TensorRange.Of(values));
            var percentile = Error(values, RangeSelection.Percentile(histogram, CalibrationOptions.DefaultPercentile));
            output.WriteLine($"squared error: MSE range {mse:G4}, min/max {minMax:G4}, percentile {percentile:G4}");

            Assert.True(mse <= 1.02 * Math.Min(minMax, percentile), $"MSE range error {mse:G4}, min/max {minMax:G4}, percentile {percentile:G4}");
        }
    }

    /// <summary>Without outliers the MSE range stays close to the data's extent; a normal distribution is clipped near ±4σ or wider.</summary>
    [Fact]
    public void Mse_keeps_most_of_a_dense_range()
    {
        var random = new Random(2);
        var uniform = Enumerable.Range(0, 20_000).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var normal = Enumerable.Range(0, 20_000).Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))).ToArray();

        var uniformRange = RangeSelection.MinimumMse(Filled(uniform));
        var normalRange = RangeSelection.MinimumMse(Filled(normal));
        output.WriteLine($"uniform [{uniformRange.Min}, {uniformRange.Max}], normal [{normalRange.Min}, {normalRange.Max}] of [{normal.Min()}, {normal.Max()}]");

        Assert.InRange(uniformRange.Min, -1f, -0.9f);
        Assert.InRange(uniformRange.Max, 0.9f, 1f);
        Assert.InRange(normalRange.Max, 2.5f, normal.Max());
        Assert.InRange(normalRange.Min, normal.Min(), -2.5f);
    }

    [Fact]
    public void A_percentile_out_of_range_is_refused()
    {
        var histogram = Filled([1f, 2f]);
        Assert.Throws<ArgumentOutOfRangeException>(() => RangeSelection.Percentile(histogram, 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => RangeSelection.Percentile(histogram, 100.5));
    }

    [Theory]
    [InlineData(CalibrationMethod.MinMax)]
    [InlineData(CalibrationMethod.Percentile)]
    [InlineData(CalibrationMethod.Mse)]
    public void Every_method_keeps_the_fashion_cnn_within_a_point_of_float(CalibrationMethod method)
    {
        var statistics = Calibrator.Calibrate(fashion.FloatModel, fashion.CalibrationSamples, new CalibrationOptions(method));
        var quantized = TfLiteReader.Read(TfLiteWriter.Write(PostTrainingQuantizer.Quantize(fashion.FloatModel, statistics, new QuantizationOptions())), "int8");

        var floatAccuracy = ModelAccuracy.Measure(fashion.FloatModel, fashion.Test);
        var int8Accuracy = ModelAccuracy.Measure(quantized, fashion.Test);
        output.WriteLine($"{method}: float {floatAccuracy:P2}, int8 {int8Accuracy:P2}");

        Assert.Empty(QuantizationSpec.Violations(quantized));
        Assert.True(Math.Abs(floatAccuracy - int8Accuracy) <= 0.01, $"{method}: float {floatAccuracy:P2}, int8 {int8Accuracy:P2}");
    }

    private static double Error(float[] values, TensorRange range)
    {
        var q = Int8Quantization.Activation(range);
        return values.Sum(v => Math.Pow(v - (Int8Quantization.Quantize(v, q) - q.ZeroPoints[0]) * q.Scales[0], 2));
    }

    private static Histogram Filled(float[] values)
    {
        var histogram = new Histogram(TensorRange.Of(values), 2048);
        histogram.Add(values);
        return histogram;
    }
}
