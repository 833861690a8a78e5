using System.Runtime.InteropServices;
using Mote.Data;
using Mote.Graph;
using Mote.Runtime;
using Mote.TfLite;
using Mote.Train.Export;
using Mote.Train.Losses;
using Mote.Train.Optimizers;
using Mote.Train.Training;

namespace Mote.Train.Tests;

/// <summary>
/// The exported float model, written to .tflite bytes, read back and run by Mote's interpreter, gives the trainer's
/// own inference outputs within 1e-4. Networks are trained briefly first so BatchNorm statistics are not trivial.
/// </summary>
public sealed class ExportTests
{
    [Fact]
    public void A_cnn_with_folded_batch_norm_and_fused_activations_matches_the_interpreter()
    {
        var b = new NetworkBuilder([8, 8, 1], seed: 1);
        var x = b.ReLU(b.BatchNorm(b.Conv2D(b.Input, 6, 3, useBias: false)));
        var y = b.ReLU6(b.BatchNorm(b.DepthwiseConv2D(x, 3, multiplier: 1)));
        x = b.Add(x, b.Conv2D(y, 6, 1));
        x = b.MaxPool2D(b.LeakyReLU(x, 0.1f), 2);
        x = b.AveragePool2D(b.Conv2D(x, 8, 3, stride: 1, padding: Padding.Valid, dilation: 1), 2);
        var features = b.GlobalAveragePool(b.Conv2D(x, 8, 1));
        var network = b.Build(b.Dense(b.Dropout(b.ReLU(b.Dense(features, 16)), 0.2f), 3));
        Train(network, TinyData.Bars(200, seed: 2));

        var model = ModelExporter.Export(network, new ExportOptions(AppendSoftmax: true));
        var ops = model.Main.Operators.Select(o => o.Type).ToArray();
        Assert.DoesNotContain(OpType.Relu, ops);
        Assert.DoesNotContain(OpType.Mul, ops);
        Assert.Equal(Activation.Relu, ((Conv2DOptions)model.Main.Operators[0].Options).Activation);
        AssertSameOutputs(network, model, softmax: true);
    }

    [Fact]
    public void Conv1D_and_strided_depthwise_with_multiplier_match_the_interpreter()
    {
        var b = new NetworkBuilder([12, 2], seed: 4);
        var x = b.ReLU(b.Conv1D(b.Input, 4, 3, stride: 2));
        x = b.Reshape(x, [1, 6, 4]);
        x = b.DepthwiseConv2D(x, 3, stride: 2, padding: Padding.Same, multiplier: 2);
        var network = b.Build(b.Dense(b.Flatten(x), 3));
        AssertSameOutputs(network, ModelExporter.Export(network), softmax: false);
    }

    [Theory]
    [InlineData("ds_cnn")]
    [InlineData("mobilenet_v1")]
    [InlineData("resnet8")]
    [InlineData("dense_autoencoder")]
    [InlineData("mlp")]
    [InlineData("small_cnn")]
    public void Ready_made_architectures_export_and_match_the_interpreter(string name)
    {
        var network = name switch
        {
            "ds_cnn" => Architectures.DsCnn([49, 10, 1], 12, filters: 16, blocks: 2),
            "mobilenet_v1" => Architectures.MobileNetV1([32, 32, 3], 2, width: 0.125f),
            "resnet8" => Architectures.ResNet8([16, 16, 3], 10),
            "dense_autoencoder" => Architectures.DenseAutoencoder(40, hidden: 16, bottleneck: 4, depth: 2),
            "mlp" => Architectures.Mlp([4, 4, 1], [8, 8], 3, dropout: 0.1f),
            _ => Architectures.SmallCnn([12, 12, 1], 4, filters: 4, hidden: 8),
        };
        AssertSameOutputs(network, ModelExporter.Export(network), softmax: false);
    }

    [Fact]
    public void Concatenate_standalone_activations_and_kept_batch_norm_match_the_interpreter()
    {
        var b = new NetworkBuilder([6, 6, 2], seed: 5);
        var x = b.Concatenate(b.Tanh(b.Conv2D(b.Input, 3, 3)), b.Sigmoid(b.Conv2D(b.Input, 2, 1)));
        x = b.ReLU(b.Add(b.BatchNorm(x), b.ReLU6(x)));
        var network = b.Build(b.Dense(b.Flatten(x), 4));
        AssertSameOutputs(network, ModelExporter.Export(network, new ExportOptions(FoldBatchNorm: false)), softmax: false);
    }

    private static void Train(Network network, Dataset data) =>
        new Trainer(network, new CrossEntropy(), new Adam(), new TrainingOptions { Epochs = 2, BatchSize = 20, Schedule = new ConstantSchedule(1e-2f) }).Fit(data);

    private static void AssertSameOutputs(Network network, Model model, bool softmax)
    {
        var interpreter = Interpreter.Create(TfLiteReader.Read(TfLiteWriter.Write(model), "exported.tflite"), "exported.tflite");
        var random = new SeededRandom(3);
        var input = new float[network.InputSize];
        for (var trial = 0; trial < 5; trial++)
        {
            for (var i = 0; i < input.Length; i++)
            {
                input[i] = random.NextSingle() * 2 - 0.5f;
            }

            var expected = network.Forward(input, new LayerContext(1, Training: false, new SeededRandom(0)))[..network.OutputSize];
            if (softmax)
            {
                System.Numerics.Tensors.TensorPrimitives.SoftMax(expected, expected);
            }

            interpreter.SetInput(0, MemoryMarshal.AsBytes(input.AsSpan()));
            interpreter.Invoke();
            var actual = MemoryMarshal.Cast<byte, float>(interpreter.GetOutput(0)).ToArray();
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4, $"trial {trial}, output {i}: trainer {expected[i]}, interpreter {actual[i]}");
            }
        }
    }
}
