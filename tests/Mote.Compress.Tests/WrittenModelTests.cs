using Mote.Compress.Distillation;
using Mote.Compress.Pruning;
using Mote.Compress.Qat;
using Mote.Compress.Quantization;
using Mote.Compress.Rewrites;
using Mote.Graph;
using Mote.TfLite;
using Mote.Train;
using Mote.Train.Export;
using Mote.Train.Losses;
using Mote.Train.Optimizers;
using Mote.Train.Training;
using Xunit.Abstractions;

namespace Mote.Compress.Tests;

/// <summary>
/// Every kind of model the compression commands write — channel-pruned, magnitude-pruned, distilled, int8 by each
/// calibration method, int8 after quantization-aware training — goes through .tflite bytes and runs in Mote's
/// interpreter. A float model computes what its network computed in training; an int8 model is, byte for byte, the
/// model the fake-quant simulation stands for, and its outputs are exactly the simulation's evaluated in integers.
/// </summary>
public sealed class WrittenModelTests(ITestOutputHelper output)
{
    private static readonly Dataset s_data = CompressionData.Quadrants(256, seed: 1);

    [Theory]
    [InlineData(ChannelCriterion.L1Norm)]
    [InlineData(ChannelCriterion.BatchNormGamma)]
    public void A_channel_pruned_network_runs_as_trained_and_its_int8_model_as_simulated(ChannelCriterion criterion)
    {
        var network = Trained(CompressionData.Residual(seed: 2));
        var pruned = ChannelPruner.Prune(network, ChannelPlan.Create(network, 0.5, criterion));
        Fit(pruned, new CrossEntropy(), s_data, epochs: 1);

        var model = AssertRunsAsTrained(pruned);
        AssertInt8RunsAsSimulated(model, CalibrationMethod.MinMax);
    }

    [Fact]
    public void A_magnitude_pruned_network_keeps_its_zeros_in_the_file_and_runs_as_trained()
    {
        var network = Trained(CompressionData.Residual(seed: 2));
        var pruner = new MagnitudePruner(network, new PolynomialSparsitySchedule(0.5, 0, 0, 1));
        pruner.Prune(0.5);

        var model = AssertRunsAsTrained(network);

        // BatchNorm folding scales whole filters, so a pruned weight is still exactly zero in the written kernels.
        var kernels = model.Main.Operators.Where(o => o.Type is OpType.Conv2D or OpType.FullyConnected)
            .Select(o => model.Main.Tensors[o.Inputs[1]].DataAs<float>().ToArray()).ToList();
        var zeros = kernels.Sum(k => k.Count(v => v == 0f));
        Assert.True(zeros >= 0.5 * kernels.Sum(k => k.Length) - kernels.Count, $"{zeros} zeros in {kernels.Sum(k => k.Length)} kernel weights");
        AssertInt8RunsAsSimulated(model, CalibrationMethod.MinMax);
    }

    [Fact]
    public void A_distilled_student_runs_as_trained_and_its_int8_model_as_simulated()
    {
        var teacher = Trained(CompressionData.Residual(seed: 2));
        var logits = TeacherLogits.Compute(ModelExporter.Export(teacher), "teacher.tflite", s_data);
        var student = Architectures.Mlp([8, 8, 2], [12], 3, seed: 11);
        Fit(student, new DistillationLoss(temperature: 4, alpha: 0.7f), new Dataset(s_data.Inputs, s_data.ItemShape, s_data.Labels, logits), epochs: 3);

        var model = AssertRunsAsTrained(student);
        AssertInt8RunsAsSimulated(model, CalibrationMethod.MinMax);
    }

    [Theory]
    [InlineData(CalibrationMethod.MinMax)]
    [InlineData(CalibrationMethod.Percentile)]
    [InlineData(CalibrationMethod.Mse)]
    public void Each_calibration_method_gives_the_int8_model_the_simulation_predicts(CalibrationMethod method)
    {
        var model = AssertRunsAsTrained(Trained(CompressionData.Residual(seed: 2)));

        AssertInt8RunsAsSimulated(model, method);
    }

    /// <summary>With int8 or float input and output (QUANTIZE and DEQUANTIZE around the int8 graph).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_quantization_aware_trained_model_runs_as_simulated(bool floatIo)
    {
        var model = ModelExporter.Export(Trained(CompressionData.Residual(seed: 2)));
        var samples = Samples(64);

        var qat = QuantizationAwareTraining.FineTune(model, s_data, samples, new QatOptions { Epochs = 1, BatchSize = 32, Quantization = new QuantizationOptions(FloatIo: floatIo) });
        var written = TfLiteReader.Read(TfLiteWriter.Write(qat.Export(samples.Count)), "qat.tflite");
        Assert.Equal(floatIo ? DataType.Float32 : DataType.Int8, written.Main.Tensors[written.Main.Inputs[0]].Type);

        AssertAgreement(QuantizationAwareTraining.Compare(qat, written, Samples(s_data.Count)));
    }

    /// <summary>Writes the network's model, reads it back, and checks the interpreter's outputs against the network's.</summary>
    private static Model AssertRunsAsTrained(Network network)
    {
        var model = TfLiteReader.Read(TfLiteWriter.Write(ModelExporter.Export(network)), "written.tflite");
        var expected = CompressionData.Infer(network, s_data);
        var actual = FloatRun.Outputs(model, Samples(s_data.Count)).SelectMany(o => o).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-4f * (1 + Math.Abs(expected[i])));
        }

        return model;
    }

    /// <summary>
    /// Quantizes <paramref name="floatModel"/> by calibration; the simulation built from the same statistics exports
    /// exactly that model, and the written int8 model's outputs agree with the simulation's.
    /// </summary>
    private void AssertInt8RunsAsSimulated(Model floatModel, CalibrationMethod method)
    {
        var (rewritten, _) = GraphRewriter.Simplify(floatModel);
        var statistics = Calibrator.Calibrate(rewritten, Samples(64), new CalibrationOptions(method));
        var quantized = TfLiteWriter.Write(PostTrainingQuantizer.Quantize(rewritten, statistics, new QuantizationOptions()));
        var simulation = QatNetwork.Build(rewritten, statistics, new QatOptions());

        Assert.Equal(quantized, TfLiteWriter.Write(simulation.Export(statistics.Samples)));
        var written = TfLiteReader.Read(quantized, "int8.tflite");
        Assert.Empty(QuantizationSpec.Violations(written));
        AssertAgreement(QuantizationAwareTraining.Compare(simulation, written, Samples(s_data.Count)));
    }

    /// <summary>The written int8 model computes exactly what the simulation, evaluated in integers, computes: every value on every input.</summary>
    private void AssertAgreement(SimulationAgreement agreement)
    {
        output.WriteLine($"{agreement.Samples} inputs: {agreement.SameStep:P2} of outputs on the simulated step, at most {agreement.MaxStepDifference} apart, top-1 {agreement.Top1Agreement:P2}");
        Assert.Equal(s_data.Count, agreement.Samples);
        Assert.Equal(0, agreement.MaxStepDifference);
        Assert.Equal(1.0, agreement.SameStep);
    }

    private static Network Trained(Network network)
    {
        CompressionData.RandomizeNormalization(network, seed: 4);
        Fit(network, new CrossEntropy(), s_data, epochs: 3);
        return network;
    }

    private static void Fit(Network network, Loss loss, Dataset data, int epochs) =>
        new Trainer(network, loss, new Adam(), new TrainingOptions { Epochs = epochs, BatchSize = 32, Schedule = new ConstantSchedule(1e-2f) }).Fit(data);

    private static List<float[]> Samples(int count) =>
        [.. Enumerable.Range(0, count).Select(i => s_data.Inputs.AsSpan(i * s_data.ItemSize, s_data.ItemSize).ToArray())];
}
