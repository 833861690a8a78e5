namespace Mote.Train.Optimizers;

/// <summary>Stochastic gradient descent with momentum: v ← μ·v + g (+ λ·w); w ← w − η·v.</summary>
public sealed class Sgd : Optimizer
{
    public Sgd(float momentum = 0.9f, float weightDecay = 0f)
        : base(weightDecay) => Momentum = momentum;

    public float Momentum { get; }

    public override string Name => "sgd";

    protected override int StateSlots => 1;

    protected override void Update(Parameter parameter, float[][] state, float learningRate)
    {
        var w = parameter.Value;
        var g = parameter.Gradient;
        var v = state[0];
        var decay = parameter.Decays ? WeightDecay : 0f;
        for (var i = 0; i < w.Length; i++)
        {
            v[i] = Momentum * v[i] + g[i] + decay * w[i];
            w[i] -= learningRate * v[i];
        }
    }
}
