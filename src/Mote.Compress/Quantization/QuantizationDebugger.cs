using System.Runtime.InteropServices;
using Mote.Graph;

namespace Mote.Compress.Quantization;

/// <summary>
/// Shows where int8 quantization loses accuracy: runs the float model and its quantized version side by side on the
/// same inputs and compares every int8 tensor, dequantized, with the float tensor it stands for. The quantized model
/// must come from <see cref="PostTrainingQuantizer"/> (or a file it wrote), which keeps the float model's tensor
/// indices and names (a float-I/O model renames the wrapped tensors "NAME/int8"). Errors accumulate through the graph,
/// so layers are ranked by the SQNR of the error each adds itself (<see cref="LayerError.OwnSqnrDb"/>), which points at
/// the layer to fix rather than at the end of the graph.
/// </summary>
public static class QuantizationDebugger
{
    public static QuantizationReport Compare(Model floatModel, Model quantized, IEnumerable<float[]> samples)
    {
        var floatGraph = floatModel.Main;
        var int8Graph = quantized.Main;
        if (floatGraph.Inputs.Count != 1 || int8Graph.Inputs.Count != 1)
        {
            throw new ArgumentException("the debugger compares single-input models", nameof(quantized));
        }

        var floatProbe = new TensorProbe(floatModel, tensor => tensor.Type == DataType.Float32, "float model");
        var int8Probe = new TensorProbe(quantized, _ => true, "quantized model");
        var compared = int8Probe.Observed.Where(t => Corresponds(floatGraph, int8Graph, t)).ToArray();
        var totals = compared.ToDictionary(t => t, _ => new Accumulator());
        var inputIndex = int8Graph.Inputs[0];
        var input = int8Graph.Tensors[inputIndex];
        if (input.Type == DataType.Int8)
        {
            totals[inputIndex] = new Accumulator();
        }

        var output = new Accumulator();
        var agreements = 0;
        var count = 0;
        foreach (var sample in samples)
        {
            floatProbe.Run([MemoryMarshal.AsBytes(sample.AsSpan()).ToArray()]);
            var inputBytes = TensorProbe.InputBytes(input, sample);
            int8Probe.Run([inputBytes]);
            if (input.Type == DataType.Int8)
            {
                totals[inputIndex].Add(sample, Dequantize(input, inputBytes), input.Quantization);
            }

            foreach (var tensor in compared)
            {
                totals[tensor].Add(MemoryMarshal.Cast<byte, float>(floatProbe.Values(tensor)), Dequantize(int8Graph.Tensors[tensor], int8Probe.Values(tensor)), int8Graph.Tensors[tensor].Quantization);
            }

            var expected = MemoryMarshal.Cast<byte, float>(floatProbe.Values(floatGraph.Outputs[0]));
            var actual = Dequantize(int8Graph.Tensors[int8Graph.Outputs[0]], int8Probe.Values(int8Graph.Outputs[0]));
            output.Add(expected, actual, null);
            agreements += ArgMax(expected) == ArgMax(actual) ? 1 : 0;
            count++;
        }

        if (count == 0)
        {
            throw new ArgumentException("no samples to compare on", nameof(samples));
        }

        var layers = new List<LayerError>();
        for (var i = 0; i < int8Graph.Operators.Count; i++)
        {
            var op = int8Graph.Operators[i];
            foreach (var tensor in op.Outputs.Where(totals.ContainsKey))
            {
                var q = int8Graph.Tensors[tensor].Quantization!;
                var total = totals[tensor];
                // Noise-to-signal ratios add (roughly) through a layer; what exceeds the worst input's is this layer's own.
                var inputNoise = op.Inputs.Where(totals.ContainsKey).Select(t => NoiseRatio(totals[t].SqnrDb)).DefaultIfEmpty(0).Max();
                var own = -10 * Math.Log10(Math.Max(NoiseRatio(total.SqnrDb) - inputNoise, 0));
                layers.Add(new LayerError(i, op.DisplayName, floatGraph.Tensors[tensor].Name, total.SqnrDb, own, total.MaxAbsError, q.Scales[0], (int)q.ZeroPoints[0], total.ClippedFraction));
            }
        }

        return new QuantizationReport([.. layers.OrderBy(l => l.OwnSqnrDb).ThenBy(l => l.Operator)], (double)agreements / count, output.SqnrDb, count);
    }

    /// <summary>An int8 tensor of the quantized graph that stands for the float graph's tensor at the same index.</summary>
    private static bool Corresponds(Subgraph floatGraph, Subgraph int8Graph, int tensor)
    {
        if (tensor >= floatGraph.Tensors.Count || int8Graph.Tensors[tensor] is not { Type: DataType.Int8, Quantization.HasScales: true } int8)
        {
            return false;
        }

        var original = floatGraph.Tensors[tensor];
        return original.Type == DataType.Float32 && (int8.Name == original.Name || int8.Name == $"{original.Name}/int8");
    }

    private static double NoiseRatio(double sqnrDb) => Math.Pow(10, -sqnrDb / 10);

    private static float[] Dequantize(Tensor tensor, ReadOnlySpan<byte> bytes)
    {
        if (tensor.Type == DataType.Float32)
        {
            return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        }

        var q = tensor.Quantization!;
        var values = MemoryMarshal.Cast<byte, sbyte>(bytes);
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = q.Scales[0] * (values[i] - q.ZeroPoints[0]);
        }

        return result;
    }

    internal static int ArgMax<T>(ReadOnlySpan<T> values)
        where T : System.Numerics.IComparisonOperators<T, T, bool>
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }

    /// <summary>Running sums for one tensor's SQNR, largest error and clipped share.</summary>
    private sealed class Accumulator
    {
        private double _signal;
        private double _noise;
        private long _clipped;
        private long _count;

        public double MaxAbsError { get; private set; }

        public double SqnrDb => _noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(_signal / _noise);

        public double ClippedFraction => _count == 0 ? 0 : (double)_clipped / _count;

        public void Add(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, QuantizationParameters? quantization)
        {
            var (low, high) = quantization is null
                ? (double.NegativeInfinity, double.PositiveInfinity)
                : (quantization.Scales[0] * (double)(Int8Quantization.Min - quantization.ZeroPoints[0]), quantization.Scales[0] * (double)(Int8Quantization.Max - quantization.ZeroPoints[0]));
            for (var i = 0; i < expected.Length; i++)
            {
                var error = (double)expected[i] - actual[i];
                _signal += (double)expected[i] * expected[i];
                _noise += error * error;
                MaxAbsError = Math.Max(MaxAbsError, Math.Abs(error));
                _clipped += expected[i] < low || expected[i] > high ? 1 : 0;
            }

            _count += expected.Length;
        }
    }
}
