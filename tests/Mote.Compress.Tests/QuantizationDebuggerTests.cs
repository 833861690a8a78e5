using Mote.Compress.Quantization;
using Xunit.Abstractions;

namespace Mote.Compress.Tests;

[Collection(FashionCollection.Name)]
public sealed class QuantizationDebuggerTests(TrainedFashionMnist fashion, ITestOutputHelper output)
{
    [Fact]
    public void Reports_every_layer_worst_first_with_high_agreement_for_a_good_quantization()
    {
        var statistics = Calibrator.Calibrate(fashion.FloatModel, fashion.CalibrationSamples);
        var quantized = PostTrainingQuantizer.Quantize(fashion.FloatModel, statistics, new QuantizationOptions());

        var report = QuantizationDebugger.Compare(fashion.FloatModel, quantized, TrainedFashionMnist.Images(fashion.FewTest));
        foreach (var layer in report.Layers)
        {
            output.WriteLine($"{layer.Operator} {layer.OperatorType} {layer.Tensor}: {layer.SqnrDb:F1} dB (own {layer.OwnSqnrDb:F1}), max error {layer.MaxAbsError:G3}, clipped {layer.ClippedFraction:P3}");
        }

        output.WriteLine($"top-1 agreement {report.Top1Agreement:P2}, output SQNR {report.OutputSqnrDb:F1} dB");
        Assert.Equal(fashion.FloatModel.Main.Operators.Count, report.Layers.Count);
        Assert.Equal(report.Layers.OrderBy(l => l.OwnSqnrDb).Select(l => l.Tensor), report.Layers.Select(l => l.Tensor));
        Assert.True(report.Top1Agreement > 0.97, $"top-1 agreement {report.Top1Agreement:P2}");
        Assert.All(report.Layers, l => Assert.True(l.SqnrDb > 15, $"{l.Tensor}: {l.SqnrDb:F1} dB"));
        // Min/max ranges come from other images than these, so a few values may fall outside; SOFTMAX's fixed grid
        // stops at 255/256, so confident probabilities of 1 are clipped by design.
        Assert.All(report.Layers.Where(l => l.OperatorType != "SOFTMAX"), l => Assert.True(l.ClippedFraction < 0.005, $"{l.Tensor}: {l.ClippedFraction:P3} clipped"));
    }

    /// <summary>One activation calibrated to a range 30× too wide loses ~30 dB there: the debugger must put it first.</summary>
    [Fact]
    public void A_badly_calibrated_layer_comes_first()
    {
        var statistics = Calibrator.Calibrate(fashion.FloatModel, fashion.CalibrationSamples);
        var graph = fashion.FloatModel.Main;
        var victim = graph.Operators.Last(op => op.Type == Graph.OpType.Conv2D).Outputs[0];
        var ranges = statistics.Ranges.ToDictionary(p => p.Key, p => p.Key == victim ? new TensorRange(p.Value.Min * 30, p.Value.Max * 30) : p.Value);
        var quantized = PostTrainingQuantizer.Quantize(fashion.FloatModel, new CalibrationStatistics(ranges, statistics.Samples), new QuantizationOptions());

        var report = QuantizationDebugger.Compare(fashion.FloatModel, quantized, TrainedFashionMnist.Images(fashion.FewTest).Take(50));

        Assert.Equal(graph.Tensors[victim].Name, report.Layers[0].Tensor);
        Assert.True(report.Layers[0].OwnSqnrDb < 25, $"own SQNR {report.Layers[0].OwnSqnrDb:F1} dB");
    }
}
