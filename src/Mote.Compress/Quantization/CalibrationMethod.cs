namespace Mote.Compress.Quantization;

/// <summary>How the calibrator turns the values an activation took into the range its int8 grid covers.</summary>
public enum CalibrationMethod
{
    /// <summary>The smallest and largest value seen (TFLite's converter does this): nothing clips, outliers cost resolution.</summary>
    MinMax,

    /// <summary>Clip a small tail at each end: the range between the (100 − p)th and the p-th percentile.</summary>
    Percentile,

    /// <summary>The range whose quantization (rounding plus clipping) has the least mean squared error on the values seen.</summary>
    Mse,
}
