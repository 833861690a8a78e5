namespace Mote.Train.Optimizers;

/// <summary>
/// Adam with bias-corrected moment estimates. Weight decay is added to the gradient (L2, coupled); for decoupled
/// decay use <see cref="AdamW"/>.
/// </summary>
public class Adam : Optimizer
{
    public Adam(float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f, float weightDecay = 0f)
        : base(weightDecay)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    public float Beta1 { get; }

    public float Beta2 { get; }

    public float Epsilon { get; }

    public override string Name => "adam";

    protected override int StateSlots => 2;

    /// <summary>Whether decay shrinks the weights directly (AdamW) rather than joining the gradient.</summary>
    protected virtual bool DecoupledDecay => false;

    protected override void Update(Parameter parameter, float[][] state, float learningRate)
    {
        var w = parameter.Value;
        var g = parameter.Gradient;
        var m = state[0];
        var v = state[1];
        var correction1 = 1 - Math.Pow(Beta1, Steps);
        var correction2 = 1 - Math.Pow(Beta2, Steps);
        var stepSize = (float)(learningRate * Math.Sqrt(correction2) / correction1);
        var decay = parameter.Decays ? WeightDecay : 0f;
        var coupled = DecoupledDecay ? 0f : decay;
        var shrink = DecoupledDecay ? 1 - learningRate * decay : 1f;
        for (var i = 0; i < w.Length; i++)
        {
            var gradient = g[i] + coupled * w[i];
            m[i] = Beta1 * m[i] + (1 - Beta1) * gradient;
            v[i] = Beta2 * v[i] + (1 - Beta2) * gradient * gradient;
            w[i] = w[i] * shrink - stepSize * m[i] / (MathF.Sqrt(v[i]) + Epsilon);
        }
    }
}
