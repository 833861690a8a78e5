using System.Numerics.Tensors;

namespace Mote.Train.Kernels;

/// <summary>
/// y[m × n] = x[m × k] · Wᵀ + b with W stored [n × k] (TFLite's FullyConnected and, with x as im2col rows, Conv2D
/// layout), and its gradients dx = dy · W, dW += dyᵀ · x, db += Σ dy. Holds the small transposed-filter scratch.
/// </summary>
internal sealed class LinearKernel
{
    private float[] _transposedWeights = [];

    public void Forward(float[] x, Parameter weights, Parameter? bias, float[] y, int m, int n, int k)
    {
        if (_transposedWeights.Length < k * n)
        {
            _transposedWeights = new float[k * n];
        }

        Gemm.Transpose(weights.Value, _transposedWeights, n, k);
        Gemm.Multiply(x, transposeA: false, _transposedWeights, y, m, n, k, accumulate: false);
        if (bias is not null)
        {
            for (var i = 0; i < m; i++)
            {
                var row = y.AsSpan(i * n, n);
                TensorPrimitives.Add(row, bias.Value, row);
            }
        }
    }

    /// <summary>Adds dW, db and (when <paramref name="inputGradient"/> is given) dx; <paramref name="accumulateInput"/> false overwrites dx.</summary>
    public static void Backward(float[] x, float[] outputGradient, Parameter weights, Parameter? bias, float[]? inputGradient, bool accumulateInput, int m, int n, int k)
    {
        Gemm.Multiply(outputGradient, transposeA: true, x, weights.Gradient, n, k, m, accumulate: true);
        if (bias is not null)
        {
            for (var i = 0; i < m; i++)
            {
                TensorPrimitives.Add(bias.Gradient, outputGradient.AsSpan(i * n, n), bias.Gradient);
            }
        }

        if (inputGradient is not null)
        {
            Gemm.Multiply(outputGradient, transposeA: false, weights.Value, inputGradient, m, k, n, accumulateInput);
        }
    }
}
