using System.Numerics.Tensors;

namespace Mote.Train.Kernels;

/// <summary>
/// y[m × n] = x[m × k] · Wᵀ + b with W stored [n × k] (TFLite's FullyConnected and, with x as im2col rows, Conv2D
/// layout), and its gradients. Holds the transposition scratch so a layer reuses it across batches.
/// </summary>
internal sealed class LinearKernel
{
    private float[] _transposedGradient = [];
    private float[] _transposedInput = [];
    private float[] _transposedWeights = [];

    public static void Forward(float[] x, Parameter weights, Parameter? bias, float[] y, int m, int n, int k)
    {
        Gemm.MultiplyTransposed(x, weights.Value, y, m, n, k, accumulate: false);
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
    public void Backward(float[] x, float[] outputGradient, Parameter weights, Parameter? bias, float[]? inputGradient, bool accumulateInput, int m, int n, int k)
    {
        var dyT = Grow(ref _transposedGradient, n * m);
        var xT = Grow(ref _transposedInput, k * m);
        Gemm.Transpose(outputGradient, dyT, m, n);
        Gemm.Transpose(x, xT, m, k);
        Gemm.MultiplyTransposed(dyT, xT, weights.Gradient, n, k, m, accumulate: true);
        if (bias is not null)
        {
            for (var j = 0; j < n; j++)
            {
                bias.Gradient[j] += TensorPrimitives.Sum(dyT.AsSpan(j * m, m));
            }
        }

        if (inputGradient is not null)
        {
            var wT = Grow(ref _transposedWeights, k * n);
            Gemm.Transpose(weights.Value, wT, n, k);
            Gemm.MultiplyTransposed(outputGradient, wT, inputGradient, m, k, n, accumulateInput);
        }
    }

    private static float[] Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new float[length];
        }

        return buffer;
    }
}
