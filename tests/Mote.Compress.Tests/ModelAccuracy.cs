using System.Runtime.InteropServices;
using Mote.Data;
using Mote.Graph;
using Mote.Runtime;

namespace Mote.Compress.Tests;

/// <summary>Top-1 accuracy of a classifier run in Mote's interpreter, quantizing float images for an int8 input.</summary>
public static class ModelAccuracy
{
    public static double Measure(Model model, LabeledImages images)
    {
        var interpreter = Interpreter.Create(model, "model under test");
        var input = interpreter.Inputs[0];
        var output = interpreter.Outputs[0];
        var correct = 0;
        var i = 0;
        foreach (var image in TrainedFashionMnist.Images(images))
        {
            interpreter.SetInput(0, input.Type == DataType.Int8 ? MemoryMarshal.AsBytes(Quantize(image, input.Quantization!).AsSpan()) : MemoryMarshal.AsBytes(image.AsSpan()));
            interpreter.Invoke();
            var scores = output.Type == DataType.Int8
                ? Array.ConvertAll(MemoryMarshal.Cast<byte, sbyte>(interpreter.GetOutput(0)).ToArray(), v => (float)v)
                : MemoryMarshal.Cast<byte, float>(interpreter.GetOutput(0)).ToArray();
            correct += Array.IndexOf(scores, scores.Max()) == images.Labels[i++] ? 1 : 0;
        }

        return (double)correct / images.Count;
    }

    private static sbyte[] Quantize(float[] values, QuantizationParameters q) =>
        Array.ConvertAll(values, v => (sbyte)Math.Clamp(MathF.Round(v / q.Scales[0]) + q.ZeroPoints[0], -128, 127));
}
