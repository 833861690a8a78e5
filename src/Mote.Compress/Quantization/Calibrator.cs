using System.Runtime.InteropServices;
using Mote.Graph;

namespace Mote.Compress.Quantization;

/// <summary>
/// Runs a float model in Mote's interpreter over calibration samples and chooses a range for every float activation
/// (the model's inputs and every tensor an operator produces). Min/max needs one pass; percentile and MSE take a second
/// pass that fills a fixed-size histogram per tensor over the extent the first found, so <paramref name="samples"/>
/// is enumerated twice for them.
/// </summary>
public static class Calibrator
{
    /// <summary>Each sample holds one float array per model input, in the model's input order.</summary>
    public static CalibrationStatistics Calibrate(Model floatModel, IEnumerable<float[][]> samples, CalibrationOptions? options = null)
    {
        options ??= new CalibrationOptions();
        var main = floatModel.Main;
        var probe = new TensorProbe(floatModel, tensor => tensor.Type == DataType.Float32, "calibration model");
        var ranges = new Dictionary<int, TensorRange>();
        var count = Pass(main, probe, samples, (tensor, values) =>
            ranges[tensor] = (ranges.TryGetValue(tensor, out var range) ? range : TensorRange.Empty).Include(TensorRange.Of(values)));
        if (count == 0)
        {
            throw new ArgumentException("no calibration samples", nameof(samples));
        }

        if (options.Method == CalibrationMethod.MinMax)
        {
            return new CalibrationStatistics(ranges, count);
        }

        var histograms = ranges.ToDictionary(p => p.Key, p => new Histogram(p.Value, options.Bins));
        Pass(main, probe, samples, (tensor, values) => histograms[tensor].Add(values));
        var chosen = histograms.ToDictionary(
            p => p.Key,
            p => options.Method == CalibrationMethod.Percentile ? RangeSelection.Percentile(p.Value, options.Percentile) : RangeSelection.MinimumMse(p.Value));
        return new CalibrationStatistics(chosen, count);
    }

    /// <summary>Calibrates a single-input model.</summary>
    public static CalibrationStatistics Calibrate(Model floatModel, IEnumerable<float[]> samples, CalibrationOptions? options = null) =>
        Calibrate(floatModel, samples.Select(sample => new[] { sample }), options);

    /// <summary>Runs every sample and hands each input and observed tensor's values to <paramref name="record"/>; returns the sample count.</summary>
    private static int Pass(Subgraph main, TensorProbe probe, IEnumerable<float[][]> samples, Action<int, ReadOnlySpan<float>> record)
    {
        var count = 0;
        foreach (var sample in samples)
        {
            if (sample.Length != main.Inputs.Count)
            {
                throw new ArgumentException($"calibration sample {count} has {sample.Length} inputs, the model {main.Inputs.Count}", nameof(samples));
            }

            probe.Run([.. sample.Select(input => MemoryMarshal.AsBytes(input.AsSpan()).ToArray())]);
            for (var i = 0; i < sample.Length; i++)
            {
                record(main.Inputs[i], sample[i]);
            }

            foreach (var tensor in probe.Observed)
            {
                record(tensor, MemoryMarshal.Cast<byte, float>(probe.Values(tensor)));
            }

            count++;
        }

        return count;
    }
}
