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

    protected override void AddGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (var i = 0; i < dx.Length; i++)
        {
            dx[i] += x[i] > 0 ? dy[i] : Alpha * dy[i];
        }
    }
}
