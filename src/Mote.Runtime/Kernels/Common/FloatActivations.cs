namespace Mote.Runtime.Kernels.Common;

/// <summary>TFLite's reference float activations where they differ from the plain formula.</summary>
internal static class FloatActivations
{
    /// <summary>reference_ops::Logistic: 1 above 16.62, exp(x) below −9, 1 / (1 + exp(−x)) between.</summary>
    public static float Logistic(float value) => value switch
    {
        > 16.619047164916992188f => 1f,
        < -9f => MathF.Exp(value),
        _ => 1f / (1f + MathF.Exp(-value)),
    };
}
