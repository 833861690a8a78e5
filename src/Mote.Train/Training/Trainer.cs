using System.Diagnostics;
using Mote.Data;
using Mote.Train.Losses;
using Mote.Train.Optimizers;

namespace Mote.Train.Training;

/// <summary>
/// The training loop: shuffled mini-batches, forward, loss, backward, optional gradient clipping, an optimizer step at
/// the scheduled learning rate; then validation, early stopping and a checkpoint per epoch. One generator drives the
/// shuffling and dropout, and its state is checkpointed, so the same seed (or a resume) gives bit-identical weights.
/// </summary>
public sealed class Trainer
{
    private readonly Network _network;
    private readonly Loss _loss;
    private readonly Optimizer _optimizer;
    private readonly TrainingOptions _options;

    public Trainer(Network network, Loss loss, Optimizer optimizer, TrainingOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        _network = network;
        _loss = loss;
        _optimizer = optimizer;
        _options = options;
        State = TrainingState.Start(options.Seed);
    }

    public TrainingState State { get; private set; }

    /// <summary>Continues from a checkpoint written by an earlier run with the same network, optimizer and options.</summary>
    public void Resume(string checkpointPath) => State = Checkpoint.Load(checkpointPath, _network, _optimizer);

    public TrainingResult Fit(ISampleSource train, ISampleSource? validation = null, Action<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        _loss.CheckData(train, _network.OutputSize);
        if (validation is not null)
        {
            _loss.CheckData(validation, _network.OutputSize);
        }

        var random = new SeededRandom(State.RandomState);
        var batchSize = _options.BatchSize;
        var batches = (train.Count + batchSize - 1) / batchSize;
        var order = new int[train.Count];
        var batch = new TrainingBatch(train, batchSize);
        var outputSize = _network.OutputSize;
        var gradient = new float[batchSize * outputSize];
        var history = new List<EpochResult>();
        var stoppedEarly = false;
        for (var epoch = State.EpochsDone; epoch < _options.Epochs && !stoppedEarly; epoch++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            random.Shuffle(order.AsSpan());
            double lossSum = 0;
            var correct = 0;
            var learningRate = 0f;
            for (var b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = b * batchSize;
                batch.Fill(train, order.AsSpan(start, Math.Min(batchSize, train.Count - start)), epoch);
                Augment(batch, train, random);
                var context = new LayerContext(batch.Count, Training: true, random);
                var output = _network.Forward(batch.Inputs, context);
                var loss = _loss.Compute(output.AsSpan(0, batch.Count * outputSize), outputSize, batch, gradient);
                lossSum += (double)loss * batch.Count;
                correct += train.Labels is null ? 0 : Metrics.CountCorrect(output, outputSize, batch.Labels, batch.Count);
                _network.ZeroGradients();
                _network.Backward(gradient, context);
                ClipGradients();
                learningRate = _options.Schedule.At(epoch + (double)b / batches, _options.Epochs);
                _optimizer.Step(_network.Parameters, learningRate);
                _options.AfterStep?.Invoke(_optimizer.Steps);
                progress?.Invoke(new TrainingProgress(epoch, _options.Epochs, b + 1, batches, loss, null));
            }

            var validationResult = validation is null ? null : Evaluate(validation);
            var result = new EpochResult(
                epoch,
                learningRate,
                (float)(lossSum / train.Count),
                train.Labels is null ? null : (float)correct / train.Count,
                validationResult?.Loss,
                validationResult?.Accuracy,
                clock.Elapsed);
            history.Add(result);
            stoppedEarly = UpdateState(result, random, validationResult);
            if (_options.CheckpointPath is { } path)
            {
                Checkpoint.Save(path, _network, _optimizer, State);
            }

            progress?.Invoke(new TrainingProgress(epoch, _options.Epochs, batches, batches, result.TrainLoss, result));
        }

        return new TrainingResult(history, stoppedEarly, State.BestEpoch);
    }

    private void Augment(TrainingBatch batch, ISampleSource train, SeededRandom random)
    {
        if (_options.Augmentation is not { } augmentation)
        {
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            augmentation.Apply(batch.Inputs.AsSpan(i * train.ItemSize, train.ItemSize), train.ItemShape, random);
        }
    }

    /// <summary>Mean loss and accuracy in inference mode (running BatchNorm statistics, no dropout).</summary>
    public Evaluation Evaluate(ISampleSource data, int batchSize = 256)
    {
        _loss.CheckData(data, _network.OutputSize);
        var outputSize = _network.OutputSize;
        var batch = new TrainingBatch(data, batchSize);
        var gradient = new float[batchSize * outputSize];
        var indices = new int[batchSize];
        double lossSum = 0;
        var correct = 0;
        for (var start = 0; start < data.Count; start += batchSize)
        {
            var count = Math.Min(batchSize, data.Count - start);
            for (var i = 0; i < count; i++)
            {
                indices[i] = start + i;
            }

            batch.Fill(data, indices.AsSpan(0, count));
            var output = _network.Forward(batch.Inputs, new LayerContext(count, Training: false, new SeededRandom(0)));
            lossSum += (double)_loss.Compute(output.AsSpan(0, count * outputSize), outputSize, batch, gradient) * count;
            correct += data.Labels is null ? 0 : Metrics.CountCorrect(output, outputSize, batch.Labels, count);
        }

        return new Evaluation((float)(lossSum / data.Count), data.Labels is null ? null : (float)correct / data.Count);
    }

    private void ClipGradients()
    {
        if (_options.ClipNorm <= 0)
        {
            return;
        }

        var norm = _network.GradientNorm();
        if (norm > _options.ClipNorm)
        {
            var scale = (float)(_options.ClipNorm / norm);
            foreach (var parameter in _network.Parameters)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(parameter.Gradient, scale, parameter.Gradient);
            }
        }
    }

    /// <summary>Records the epoch in <see cref="State"/>; returns whether early stopping ends the run.</summary>
    private bool UpdateState(EpochResult result, SeededRandom random, Evaluation? validation)
    {
        var epoch = result.Epoch;
        var state = State with { EpochsDone = epoch + 1, RandomState = random.State, History = [.. State.History, result] };
        if (validation is not null)
        {
            state = validation.Loss < state.BestValidationLoss
                ? state with { BestValidationLoss = validation.Loss, BestEpoch = epoch, EpochsWithoutImprovement = 0 }
                : state with { EpochsWithoutImprovement = state.EpochsWithoutImprovement + 1 };
        }

        State = state;
        return _options.EarlyStoppingPatience > 0 && state.EpochsWithoutImprovement >= _options.EarlyStoppingPatience;
    }
}
