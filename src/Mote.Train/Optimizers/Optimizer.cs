namespace Mote.Train.Optimizers;

/// <summary>
/// Updates trainable parameters from their gradients. Per-parameter state (momentum, moment estimates) is kept in
/// float arrays, <see cref="StateSlots"/> per parameter, so checkpoints can save and restore it exactly.
/// </summary>
public abstract class Optimizer
{
    private float[][][] _state = [];

    protected Optimizer(float weightDecay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        WeightDecay = weightDecay;
    }

    /// <summary>Weight decay applied to parameters with <see cref="Parameter.Decays"/> set.</summary>
    public float WeightDecay { get; }

    /// <summary>Number of updates made so far (Adam's bias correction depends on it).</summary>
    public long Steps { get; internal set; }

    /// <summary>Name used in specs and logs.</summary>
    public abstract string Name { get; }

    protected abstract int StateSlots { get; }

    public void Step(IReadOnlyList<Parameter> parameters, float learningRate)
    {
        Steps++;
        var state = State(parameters);
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Trainable)
            {
                Update(parameters[i], state[i], learningRate);
            }
        }
    }

    /// <summary>The state arrays, parameter by parameter and slot by slot, allocated on first use.</summary>
    internal float[][][] State(IReadOnlyList<Parameter> parameters)
    {
        if (_state.Length != parameters.Count)
        {
            _state = [.. parameters.Select(p => Enumerable.Range(0, p.Trainable ? StateSlots : 0).Select(_ => new float[p.Length]).ToArray())];
        }

        return _state;
    }

    protected abstract void Update(Parameter parameter, float[][] state, float learningRate);
}
