namespace Mote.Train.Optimizers;

/// <summary>Adam with decoupled weight decay (Loshchilov &amp; Hutter): w ← w·(1 − η·λ) before the Adam step.</summary>
public sealed class AdamW : Adam
{
    public AdamW(float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f, float weightDecay = 0.01f)
        : base(beta1, beta2, epsilon, weightDecay)
    {
    }

    public override string Name => "adamw";

    protected override bool DecoupledDecay => true;
}
