using Mote.Compress.Qat;
using Mote.Compress.Quantization;
using Mote.Graph;
using Mote.TfLite;
using Mote.Train;
using Mote.Train.Export;
using Xunit.Abstractions;

namespace Mote.Compress.Tests;

[Collection(FashionCollection.Name)]
public sealed class QuantizationAwareTrainingTests(TrainedFashionMnist fashion, ITestOutputHelper output)
{
    /// <summary>
    /// One epoch of fine-tuning on the 6,000 training images: the int8 export scores within half a point of float on
    /// 2,000 held-out images, and its logits are exactly what the simulation, evaluated in integers, computes.
    /// </summary>
    [Fact]
    public void Fine_tuned_int8_model_stays_within_half_a_point_of_float_and_matches_the_simulation()
    {
        var qat = QuantizationAwareTraining.FineTune(fashion.FloatModel, fashion.Train, fashion.CalibrationSamples, new QatOptions { Epochs = 1 });
        var quantized = TfLiteReader.Read(TfLiteWriter.Write(qat.Export(fashion.Calibration.Count)), "qat.tflite");

        var floatAccuracy = ModelAccuracy.Measure(fashion.FloatModel, fashion.Test);
        var qatAccuracy = ModelAccuracy.Measure(quantized, fashion.Test);
        var agreement = QuantizationAwareTraining.Compare(qat, quantized, TrainedFashionMnist.Images(fashion.FewTest));
        output.WriteLine($"float {floatAccuracy:P2}, QAT int8 {qatAccuracy:P2}; simulation: {agreement.SameStep:P2} of logits on the same step, at most {agreement.MaxStepDifference} apart, top-1 {agreement.Top1Agreement:P2}");

        Assert.Empty(QuantizationSpec.Violations(quantized));
        Assert.True(qatAccuracy >= floatAccuracy - 0.005, $"float {floatAccuracy:P2}, QAT int8 {qatAccuracy:P2}");
        Assert.Equal(0, agreement.MaxStepDifference);
        Assert.Equal(1.0, agreement.SameStep);
    }

    /// <summary>
    /// Before any training, the simulation of an untrained network using every supported layer, evaluated in
    /// integers, gives exactly the int8 model's logits: nine roundings deep, through TANH and LOGISTIC with TFLM's
    /// fixed-point approximations, a CONCATENATION that requantizes their fixed grids, pools, ADD and MEAN.
    /// </summary>
    [Fact]
    public void Simulation_predicts_the_int8_model_for_every_supported_operator()
    {
        var b = new NetworkBuilder([12, 12, 3], seed: 7);
        var x = b.ReLU6(b.Conv2D(b.Input, 8, 3));
        var y = b.ReLU(b.DepthwiseConv2D(x, 3));
        var sum = b.AveragePool2D(b.Add(x, y), 2);
        var joined = b.Concatenate(b.Tanh(sum), b.Sigmoid(sum), b.MaxPool2D(sum, 1));
        var pooled = b.GlobalAveragePool(b.Conv2D(joined, 8, 1));
        var network = b.Build(b.Dense(b.ReLU(b.Dense(pooled, 16)), 5));
        var floatModel = ModelExporter.Export(network, new ExportOptions(AppendSoftmax: true));
        var samples = FloatRun.RandomInputs(64, 12 * 12 * 3, seed: 3);

        var qat = QatNetwork.Build(floatModel, Calibrator.Calibrate(floatModel, samples), new QatOptions());
        var quantized = qat.Export(samples.Count);
        var agreement = QuantizationAwareTraining.Compare(qat, quantized, samples);
        output.WriteLine($"{agreement.SameStep:P2} on the same step, at most {agreement.MaxStepDifference} apart");

        Assert.Empty(QuantizationSpec.Violations(quantized));
        Assert.Equal(OpType.Softmax, quantized.Main.Operators[^1].Type);
        Assert.Equal(0, agreement.MaxStepDifference);
        Assert.Equal(1.0, agreement.SameStep);
    }

    /// <summary>
    /// A dense layer computes with the int8 weights (scale × q) on the int8-rounded input, yet keeps its float weights,
    /// and the gradients are those of that computation (straight through the rounding). Calibration on doubled inputs
    /// keeps every value well inside the grids, so nothing is clipped.
    /// </summary>
    [Fact]
    public void Fake_quantized_weights_are_the_int8_weights_and_gradients_pass_straight_through()
    {
        var b = new NetworkBuilder([6], seed: 9);
        var floatModel = ModelExporter.Export(b.Build(b.Dense(b.Input, 3)));
        var samples = FloatRun.RandomInputs(8, 6, seed: 1);
        var qat = QatNetwork.Build(floatModel, Calibrator.Calibrate(floatModel, samples.Select(s => s.Select(v => 2 * v).ToArray())), new QatOptions());
        var layer = qat.Network.Nodes.Select(n => n.Layer).OfType<Train.Layers.TransformedWeights>().Single();
        var stored = (float[])layer.Weights.Value.Clone();

        var context = new LayerContext(1, Training: false, new Mote.Data.SeededRandom(1));
        qat.Network.ZeroGradients();
        qat.Network.Forward(samples[0], context);
        var inputGradient = qat.Network.Backward([1, 0, 0], context, inputGradient: true)!;

        Assert.Equal(stored, layer.Weights.Value);
        var (int8, q) = Int8Quantization.Weights(stored, Shape.Of(3, 6), 0, perChannel: false);
        var inputQuantization = Int8Quantization.Activation(qat.Statistics(1)[floatModel.Main.Inputs[0]]);
        for (var k = 0; k < 6; k++)
        {
            var seen = (Int8Quantization.Quantize(samples[0][k], inputQuantization) - inputQuantization.ZeroPoints[0]) * inputQuantization.Scales[0];
            Assert.Equal(seen, layer.Weights.Gradient[k], 1e-6f);
            Assert.Equal(int8[k] * q.Scales[0], inputGradient[k], 1e-6f);
        }
    }
}
