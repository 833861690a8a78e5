using System.Numerics.Tensors;
using Mote.Data;

namespace Mote.Train.Layers;

/// <summary>
/// Batch normalization over the last axis (channels). Training uses the batch's statistics and updates running ones;
/// inference uses the running ones, which export folds into the preceding convolution. Channel sums run row by row
/// in a fixed order, vectorized across channels.
/// </summary>
public sealed class BatchNorm : Layer
{
    private float[] _mean = [];
    private float[] _inverseStd = [];
    private float[]? _normalized;

    public BatchNorm(string name, float momentum = 0.9f, float epsilon = 1e-3f)
        : base(name)
    {
        Momentum = momentum;
        Epsilon = epsilon;
    }

    /// <summary>Weight of the old running statistics in each update.</summary>
    public float Momentum { get; }

    public float Epsilon { get; }

    public Parameter Gamma { get; private set; } = null!;

    public Parameter Beta { get; private set; } = null!;

    public Parameter RunningMean { get; private set; } = null!;

    public Parameter RunningVariance { get; private set; } = null!;

    public override IReadOnlyList<Parameter> Parameters => [Gamma, Beta, RunningMean, RunningVariance];

    private int Channels => OutputShape[^1];

    public override void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output)
    {
        var input = inputs[0];
        var c = Channels;
        var rows = context.Batch * OutputSize / c;
        if (!context.Training)
        {
            for (var i = 0; i < c; i++)
            {
                _inverseStd[i] = 1f / MathF.Sqrt(RunningVariance.Value[i] + Epsilon);
            }

            Normalize(input, output, RunningMean.Value, rows);
            return;
        }

        var mean = _mean;
        var variance = _inverseStd;
        mean.AsSpan().Clear();
        variance.AsSpan().Clear();
        for (var r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(mean, input.AsSpan(r * c, c), mean);
        }

        TensorPrimitives.Multiply(mean, 1f / rows, mean);
        var centered = Scratch(ref _normalized, rows * c);
        for (var r = 0; r < rows; r++)
        {
            var row = centered.AsSpan(r * c, c);
            TensorPrimitives.Subtract(input.AsSpan(r * c, c), mean, row);
            TensorPrimitives.MultiplyAdd(row, row, variance, variance);
        }

        for (var i = 0; i < c; i++)
        {
            var batchVariance = variance[i] / rows;
            RunningMean.Value[i] = Momentum * RunningMean.Value[i] + (1 - Momentum) * mean[i];
            RunningVariance.Value[i] = Momentum * RunningVariance.Value[i] + (1 - Momentum) * batchVariance;
            variance[i] = 1f / MathF.Sqrt(batchVariance + Epsilon);
        }

        Normalize(input, output, mean, rows);
    }

    /// <summary>dx = γ·σ⁻¹·(dy − mean(dy) − x̂·mean(dy·x̂)), the batch-statistics gradient.</summary>
    public override void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients)
    {
        var c = Channels;
        var rows = context.Batch * OutputSize / c;
        var normalized = _normalized!;
        var sumDy = new float[c];
        var sumDyX = new float[c];
        for (var r = 0; r < rows; r++)
        {
            var dy = outputGradient.AsSpan(r * c, c);
            TensorPrimitives.Add(sumDy, dy, sumDy);
            TensorPrimitives.MultiplyAdd(dy, normalized.AsSpan(r * c, c), sumDyX, sumDyX);
        }

        TensorPrimitives.Add(Beta.Gradient, sumDy, Beta.Gradient);
        TensorPrimitives.Add(Gamma.Gradient, sumDyX, Gamma.Gradient);
        if (inputGradients[0] is not { } inputGradient)
        {
            return;
        }

        var scale = new float[c];
        TensorPrimitives.Multiply(Gamma.Value, _inverseStd, scale);
        TensorPrimitives.Multiply(sumDy, 1f / rows, sumDy);
        TensorPrimitives.Multiply(sumDyX, 1f / rows, sumDyX);
        var term = new float[c];
        for (var r = 0; r < rows; r++)
        {
            var x = normalized.AsSpan(r * c, c);
            TensorPrimitives.MultiplyAdd(x, sumDyX, sumDy, term);
            TensorPrimitives.Subtract(outputGradient.AsSpan(r * c, c), term, term);
            var dx = inputGradient.AsSpan(r * c, c);
            TensorPrimitives.MultiplyAdd(term, scale, dx, dx);
        }
    }

    protected override int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random)
    {
        var shape = SingleInput(inputShapes);
        var c = shape[^1];
        Gamma = new Parameter($"{Name}/gamma", [c]);
        Beta = new Parameter($"{Name}/beta", [c]);
        RunningMean = new Parameter($"{Name}/moving_mean", [c], trainable: false);
        RunningVariance = new Parameter($"{Name}/moving_variance", [c], trainable: false);
        Gamma.Value.AsSpan().Fill(1);
        RunningVariance.Value.AsSpan().Fill(1);
        _mean = new float[c];
        _inverseStd = new float[c];
        return shape;
    }

    /// <summary>Stores x̂ = (x − mean)·σ⁻¹ for the backward pass and writes y = γ·x̂ + β.</summary>
    private void Normalize(float[] input, float[] output, float[] mean, int rows)
    {
        var c = Channels;
        var normalized = Scratch(ref _normalized, rows * c);
        for (var r = 0; r < rows; r++)
        {
            var x = normalized.AsSpan(r * c, c);
            TensorPrimitives.Subtract(input.AsSpan(r * c, c), mean, x);
            TensorPrimitives.Multiply(x, _inverseStd, x);
            var y = output.AsSpan(r * c, c);
            TensorPrimitives.MultiplyAdd(x, Gamma.Value, Beta.Value, y);
        }
    }
}
