using System.Runtime.InteropServices;
using Mote.Graph;
using Mote.Runtime;

namespace Mote.Compress.Quantization;

/// <summary>
/// Runs a float model in Mote's interpreter over calibration samples and records the range of every float
/// activation. The interpreter only exposes graph outputs, so it runs a copy of the model whose outputs are every
/// tensor an operator produces; the planner keeps graph outputs alive to the end and never overwrites them in place.
/// </summary>
public static class Calibrator
{
    /// <summary>Each sample holds one float array per model input, in the model's input order.</summary>
    public static CalibrationStatistics Calibrate(Model floatModel, IEnumerable<float[][]> samples)
    {
        var main = floatModel.Main;
        int[] observed = [.. main.Operators.SelectMany(op => op.Outputs).Where(i => i >= 0 && main.Tensors[i].Type == DataType.Float32).Distinct()];
        var probe = floatModel with { Subgraphs = [main with { Outputs = observed }] };
        var interpreter = Interpreter.Create(probe, "calibration model");
        var ranges = new Dictionary<int, TensorRange>();
        void Record(int tensor, ReadOnlySpan<float> values) =>
            ranges[tensor] = (ranges.TryGetValue(tensor, out var range) ? range : TensorRange.Empty).Include(TensorRange.Of(values));

        var count = 0;
        foreach (var sample in samples)
        {
            if (sample.Length != main.Inputs.Count)
            {
                throw new ArgumentException($"calibration sample {count} has {sample.Length} inputs, the model {main.Inputs.Count}", nameof(samples));
            }

            for (var i = 0; i < sample.Length; i++)
            {
                interpreter.SetInput(i, MemoryMarshal.AsBytes(sample[i].AsSpan()));
                Record(main.Inputs[i], sample[i]);
            }

            interpreter.Invoke();
            for (var o = 0; o < observed.Length; o++)
            {
                Record(observed[o], MemoryMarshal.Cast<byte, float>(interpreter.GetOutput(o)));
            }

            count++;
        }

        if (count == 0)
        {
            throw new ArgumentException("no calibration samples", nameof(samples));
        }

        return new CalibrationStatistics(ranges, count);
    }

    /// <summary>Calibrates a single-input model.</summary>
    public static CalibrationStatistics Calibrate(Model floatModel, IEnumerable<float[]> samples) =>
        Calibrate(floatModel, samples.Select(sample => new[] { sample }));
}
