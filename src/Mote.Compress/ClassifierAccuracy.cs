using System.Runtime.InteropServices;
using Mote.Compress.Quantization;
using Mote.Graph;
using Mote.Runtime;

namespace Mote.Compress;

/// <summary>
/// Top-1 accuracy of a single-input classifier run in Mote's interpreter on float inputs, quantized for an int8 input
/// with its parameters. The class is the largest output (int8 outputs compare as integers: dequantizing keeps order).
/// </summary>
public static class ClassifierAccuracy
{
    public static double Measure(Model model, IEnumerable<float[]> inputs, IReadOnlyList<int> labels)
    {
        var interpreter = Interpreter.Create(model, "classifier");
        var input = model.Main.Tensors[model.Main.Inputs[0]];
        var outputType = interpreter.Outputs[0].Type;
        var correct = 0;
        var count = 0;
        foreach (var sample in inputs)
        {
            interpreter.SetInput(0, TensorProbe.InputBytes(input, sample));
            interpreter.Invoke();
            var bytes = interpreter.GetOutput(0);
            var scores = outputType == DataType.Int8
                ? Array.ConvertAll(MemoryMarshal.Cast<byte, sbyte>(bytes).ToArray(), v => (float)v)
                : MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            correct += QuantizationDebugger.ArgMax(scores) == labels[count] ? 1 : 0;
            count++;
        }

        return count == 0 ? 0 : (double)correct / count;
    }
}
