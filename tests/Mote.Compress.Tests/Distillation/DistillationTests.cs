using Mote.Compress.Distillation;
using Mote.Graph;
using Mote.Train;
using Mote.Train.Export;
using Mote.Train.Losses;
using Mote.Train.Optimizers;
using Mote.Train.Training;

namespace Mote.Compress.Tests.Distillation;

public sealed class DistillationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TeacherLogitsFromTheInterpreterMatchTheTrainedNetwork(bool appendSoftmax)
    {
        var (teacher, data) = Teacher();
        var model = ModelExporter.Export(teacher, new ExportOptions(AppendSoftmax: appendSoftmax));

        var logits = TeacherLogits.Compute(model, "teacher.tflite", data);

        var expected = CompressionData.Infer(teacher, data);
        for (var item = 0; item < data.Count; item++)
        {
            // With a softmax the teacher gives log-probabilities: the logits less their log-sum-exp.
            var row = expected.AsSpan(item * 3, 3).ToArray();
            var shift = appendSoftmax ? row.Max() + MathF.Log(row.Sum(z => MathF.Exp(z - row.Max()))) : 0f;
            for (var c = 0; c < 3; c++)
            {
                Assert.Equal(row[c] - shift, logits[item * 3 + c], 1e-3f);
            }
        }
    }

    [Fact]
    public void DistillationIsDeterministicAndTheStudentLearns()
    {
        var (teacher, data) = Teacher();
        var logits = TeacherLogits.Compute(ModelExporter.Export(teacher), "teacher.tflite", data);
        var distillationData = new Dataset(data.Inputs, data.ItemShape, data.Labels, logits);

        float[][] Distill()
        {
            var student = Architectures.Mlp([8, 8, 2], [12], 3, seed: 11);
            var options = new TrainingOptions { Epochs = 4, BatchSize = 32, Seed = 5, Schedule = new ConstantSchedule(1e-2f) };
            var trainer = new Trainer(student, new DistillationLoss(temperature: 4, alpha: 0.7f), new Adam(), options);
            trainer.Fit(distillationData);
            var accuracy = trainer.Evaluate(distillationData).Accuracy;
            Assert.True(accuracy > 0.8, $"student accuracy {accuracy}");
            return [.. student.Parameters.Select(p => p.Value)];
        }

        Assert.Equal(Distill(), Distill());
    }

    [Fact]
    public void RefusesATeacherForOtherData()
    {
        var (teacher, _) = Teacher();
        var other = new Dataset(new float[10], [5], [0, 1]);

        Assert.Throws<InvalidModelException>(() => TeacherLogits.Compute(ModelExporter.Export(teacher), "teacher.tflite", other));
    }

    private static (Network Teacher, Dataset Data) Teacher()
    {
        var data = CompressionData.Quadrants(256, seed: 1);
        var teacher = CompressionData.Residual(seed: 2);
        new Trainer(teacher, new CrossEntropy(), new Adam(), new TrainingOptions { Epochs = 3, BatchSize = 32, Schedule = new ConstantSchedule(1e-2f) }).Fit(data);
        return (teacher, data);
    }
}
