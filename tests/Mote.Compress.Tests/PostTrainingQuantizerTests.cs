using System.Runtime.InteropServices;
using Mote.Compress.Quantization;
using Mote.Graph;
using Mote.Runtime;
using Mote.TfLite;
using Mote.Train;
using Mote.Train.Export;
using Xunit.Abstractions;

namespace Mote.Compress.Tests;

[Collection(FashionCollection.Name)]
public sealed class PostTrainingQuantizerTests(TrainedFashionMnist fashion, ITestOutputHelper output)
{
    [Fact]
    public void Int8_fashion_mnist_cnn_stays_within_a_point_of_float_at_a_quarter_of_the_size()
    {
        var statistics = Calibrator.Calibrate(fashion.FloatModel, fashion.CalibrationSamples);
        var quantized = PostTrainingQuantizer.Quantize(fashion.FloatModel, statistics, new QuantizationOptions());

        var floatBytes = TfLiteWriter.Write(fashion.FloatModel);
        var int8Bytes = TfLiteWriter.Write(quantized);
        var readBack = TfLiteReader.Read(int8Bytes, "quantized.tflite");
        var floatAccuracy = ModelAccuracy.Measure(fashion.FloatModel, fashion.Test);
        var int8Accuracy = ModelAccuracy.Measure(readBack, fashion.Test);
        output.WriteLine($"float {floatAccuracy:P2} ({floatBytes.Length} bytes), int8 {int8Accuracy:P2} ({int8Bytes.Length} bytes)");

        Assert.True(floatAccuracy > 0.8, $"float accuracy {floatAccuracy:P2}: the model did not train");
        Assert.True(Math.Abs(floatAccuracy - int8Accuracy) <= 0.01, $"float {floatAccuracy:P2}, int8 {int8Accuracy:P2}");
        Assert.True(int8Bytes.Length <= 0.27 * floatBytes.Length, $"int8 file {int8Bytes.Length} bytes, float {floatBytes.Length}");
        Assert.Equal(DataType.Int8, readBack.Main.Tensors[readBack.Main.Inputs[0]].Type);
    }

    [Fact]
    public void Float_io_model_takes_float_images_and_matches_the_int8_model()
    {
        var statistics = Calibrator.Calibrate(fashion.FloatModel, fashion.CalibrationSamples);
        var int8 = PostTrainingQuantizer.Quantize(fashion.FloatModel, statistics, new QuantizationOptions());
        var floatIo = PostTrainingQuantizer.Quantize(fashion.FloatModel, statistics, new QuantizationOptions(FloatIo: true));
        var readBack = TfLiteReader.Read(TfLiteWriter.Write(floatIo), "float-io.tflite");

        Assert.Equal(DataType.Float32, readBack.Main.Tensors[readBack.Main.Inputs[0]].Type);
        Assert.Equal(DataType.Float32, readBack.Main.Tensors[readBack.Main.Outputs[0]].Type);
        Assert.Empty(QuantizationSpec.Violations(readBack));
        Assert.Equal(ModelAccuracy.Measure(int8, fashion.FewTest), ModelAccuracy.Measure(readBack, fashion.FewTest));
    }

    [Fact]
    public void Quantized_fashion_mnist_cnn_meets_the_int8_specification()
    {
        var statistics = Calibrator.Calibrate(fashion.FloatModel, fashion.CalibrationSamples);
        var quantized = PostTrainingQuantizer.Quantize(fashion.FloatModel, statistics, new QuantizationOptions(PerChannelFullyConnected: true));

        Assert.Empty(QuantizationSpec.Violations(quantized));
        Assert.True(ModelAccuracy.Measure(quantized, fashion.FewTest) > 0.8);
    }

    /// <summary>Every supported operator in one untrained network; int8 outputs must track the float ones.</summary>
    [Fact]
    public void Every_supported_operator_quantizes_to_the_specification_and_tracks_float()
    {
        var b = new NetworkBuilder([12, 12, 3], seed: 7);
        var x = b.ReLU6(b.Conv2D(b.Input, 8, 3));
        var y = b.ReLU(b.DepthwiseConv2D(x, 3));
        var sum = b.AveragePool2D(b.Add(x, y), 2);
        var joined = b.Concatenate(b.Tanh(sum), b.Sigmoid(sum), b.MaxPool2D(sum, 1));
        var pooled = b.GlobalAveragePool(b.Conv2D(joined, 8, 1));
        var network = b.Build(b.Dense(b.Dense(pooled, 16), 5));
        var floatModel = ModelExporter.Export(network, new ExportOptions(AppendSoftmax: true));
        var random = new Random(3);
        var samples = Enumerable.Range(0, 64).Select(_ => Enumerable.Range(0, 12 * 12 * 3).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray()).ToList();

        var statistics = Calibrator.Calibrate(floatModel, samples);
        var quantized = PostTrainingQuantizer.Quantize(floatModel, statistics, new QuantizationOptions(FloatIo: true));

        Assert.Empty(QuantizationSpec.Violations(quantized));
        var floatRun = Interpreter.Create(floatModel, "float");
        var int8Run = Interpreter.Create(TfLiteReader.Read(TfLiteWriter.Write(quantized), "int8"), "int8");
        var worst = 0f;
        foreach (var sample in samples.Take(16))
        {
            floatRun.SetInput(0, MemoryMarshal.AsBytes(sample.AsSpan()));
            int8Run.SetInput(0, MemoryMarshal.AsBytes(sample.AsSpan()));
            floatRun.Invoke();
            int8Run.Invoke();
            var expected = MemoryMarshal.Cast<byte, float>(floatRun.GetOutput(0));
            var actual = MemoryMarshal.Cast<byte, float>(int8Run.GetOutput(0));
            for (var i = 0; i < expected.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
            }
        }

        output.WriteLine($"largest probability error {worst}");
        Assert.True(worst < 0.05f, $"largest probability error {worst}");
    }

    [Fact]
    public void An_unsupported_operator_is_refused_by_name()
    {
        var b = new NetworkBuilder([4], seed: 1);
        var network = b.Build(b.Dense(b.LeakyReLU(b.Dense(b.Input, 4)), 2));
        var floatModel = ModelExporter.Export(network);
        var statistics = Calibrator.Calibrate(floatModel, [new float[] { 1, 2, 3, 4 }]);

        var error = Assert.Throws<NotSupportedException>(() => PostTrainingQuantizer.Quantize(floatModel, statistics, new QuantizationOptions()));
        Assert.Contains("LEAKY_RELU", error.Message);
    }
}
