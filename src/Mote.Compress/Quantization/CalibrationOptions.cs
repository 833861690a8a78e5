namespace Mote.Compress.Quantization;

/// <summary>
/// How <see cref="Calibrator"/> chooses activation ranges. Percentile and MSE work on a histogram of
/// <see cref="Bins"/> bins per tensor (memory bounded by the tensor count, not the sample count), filled in a second
/// pass over the samples once the first pass has found each tensor's extent.
/// </summary>
public sealed record CalibrationOptions(CalibrationMethod Method = CalibrationMethod.MinMax, double Percentile = CalibrationOptions.DefaultPercentile, int Bins = 2048)
{
    /// <summary>99.99: clips one value in ten thousand at each end, TensorRT's customary choice.</summary>
    public const double DefaultPercentile = 99.99;
}
