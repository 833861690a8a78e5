namespace Mote.Train.Layers;

/// <summary>x for x &gt; 0, alpha·x otherwise (TFLite's LEAKY_RELU).</summary>
public sealed class LeakyReLU : ElementwiseActivation
{
    public LeakyReLU(string name, float alpha = 0.2f)
        : base(name) => Alpha = alpha;

    public float Alpha { get; }

    protected override void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = x[i] > 0 ? x[i] : Alpha * x[i];
        }
    }

    protected override float Derivative(float x, float y) => x > 0 ? 1 : Alpha;
}
