using System.Runtime.InteropServices;
using Mote.Compress.Quantization;
using Mote.Graph;
using Mote.Testing;
using Mote.TfLite;
using Xunit.Abstractions;

namespace Mote.Compress.Tests;

/// <summary>
/// The outside oracle: MLPerf Tiny ships each reference model as float32 and as the TFLite converter's int8 model
/// (both in ../shared/conformance). Weight quantization does not depend on calibration, so Mote's weight scales and
/// per-channel choices must equal the converter's, and its int8 weights too but for a rare one-step difference where
/// w / scale lands within a rounding error of a half (converter versions round that product differently).
/// </summary>
public sealed class ConverterAgreementTests(ITestOutputHelper output)
{
    [ConformanceTheory]
    [InlineData("ad01_fp32", "ad01_int8")]
    [InlineData("ic_resnet_float", "ic_resnet_int8")]
    public void Weights_match_the_tflite_converter(string floatName, string int8Name)
    {
        var floatModel = TfLiteReader.ReadFile(Conformance.ModelPath(floatName));
        var reference = TfLiteReader.ReadFile(Conformance.ModelPath(int8Name)).Main;
        var samples = Conformance.ReadManifest(floatName).Cases.Select(c => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(c.Inputs[0])).ToArray());
        var ours = PostTrainingQuantizer.Quantize(floatModel, Calibrator.Calibrate(floatModel, samples), new QuantizationOptions()).Main;

        var weighted = ours.Operators.Where(IsWeighted).ToList();
        var referenceWeighted = reference.Operators.Where(IsWeighted).ToList();
        Assert.Equal(referenceWeighted.Select(op => op.Type), weighted.Select(op => op.Type));
        var valuesOff = 0;
        for (var i = 0; i < weighted.Count; i++)
        {
            var mine = ours.Tensors[weighted[i].Inputs[1]];
            var theirs = reference.Tensors[referenceWeighted[i].Inputs[1]];
            Assert.Equal(theirs.Quantization!.Scales.Count, mine.Quantization!.Scales.Count);
            Assert.Equal(theirs.Quantization.Axis, mine.Quantization.Axis);
            for (var c = 0; c < mine.Quantization.Scales.Count; c++)
            {
                Assert.Equal(theirs.Quantization.Scales[c], mine.Quantization.Scales[c], 1e-6f * theirs.Quantization.Scales[c]);
            }

            var a = mine.DataAs<sbyte>();
            var b = theirs.DataAs<sbyte>();
            for (var k = 0; k < a.Length; k++)
            {
                Assert.True(Math.Abs(a[k] - b[k]) <= 1, $"{mine.Name}[{k}]: {a[k]} vs {b[k]}");
                valuesOff += a[k] != b[k] ? 1 : 0;
            }
        }

        output.WriteLine($"{weighted.Count} weighted operators; {valuesOff} weights differ by one step from the converter's");
        Assert.True(valuesOff <= 2, $"{valuesOff} weights differ from the converter's");
    }

    private static bool IsWeighted(Operator op) => op.Type is OpType.Conv2D or OpType.DepthwiseConv2D or OpType.FullyConnected;
}
