using Mote.Data;
using Mote.Train.Kernels;

namespace Mote.Train.Layers;

/// <summary>Fully connected: y = x · Wᵀ + b over a rank-1 input, weights [units, in] as TFLite's FULLY_CONNECTED.</summary>
public sealed class Dense : Layer
{
    private readonly LinearKernel _kernel = new();

    public Dense(string name, int units, bool useBias = true)
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        Units = units;
        UseBias = useBias;
    }

    public int Units { get; }

    public bool UseBias { get; }

    public Parameter Weights { get; private set; } = null!;

    public Parameter? Bias { get; private set; }

    public override IReadOnlyList<Parameter> Parameters => Bias is null ? [Weights] : [Weights, Bias];

    public override void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output) =>
        _kernel.Forward(inputs[0], Weights, Bias, output, context.Batch, Units, InputSize);

    public override void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients) =>
        LinearKernel.Backward(inputs[0], outputGradient, Weights, Bias, inputGradients[0], accumulateInput: true, context.Batch, Units, InputSize);

    protected override int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random)
    {
        var inputs = SingleInput(inputShapes, rank: 1)[0];
        Weights = new Parameter($"{Name}/kernel", [Units, inputs], decays: true);
        HeUniform(Weights, inputs, random);
        Bias = UseBias ? new Parameter($"{Name}/bias", [Units]) : null;
        return [Units];
    }
}
