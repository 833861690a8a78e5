using Mote.Graph;

namespace Mote.Train.Tests;

/// <summary>Every layer's backward pass against finite differences (see <see cref="GradientCheck"/>).</summary>
public sealed class LayerGradientTests
{
    [Fact]
    public void Dense() => GradientCheck.Run((b, x) => b.Dense(x, 3), [5], batch: 3);

    [Theory]
    [InlineData(3, 1, Padding.Same, 1)]
    [InlineData(3, 2, Padding.Valid, 1)]
    [InlineData(3, 2, Padding.Same, 1)]
    [InlineData(2, 1, Padding.Same, 2)]
    [InlineData(1, 1, Padding.Same, 1)]
    public void Conv2D(int kernel, int stride, Padding padding, int dilation) =>
        GradientCheck.Run((b, x) => b.Conv2D(x, 3, kernel, stride, padding, dilation), [5, 6, 2]);

    [Fact]
    public void Conv2D_with_rectangular_kernel_and_strides() =>
        GradientCheck.Run((b, x) => b.Conv2D(x, 2, (3, 2), (2, 1), Padding.Same), [5, 4, 2]);

    [Theory]
    [InlineData(3, 1, Padding.Same)]
    [InlineData(3, 2, Padding.Valid)]
    public void Conv1D(int kernel, int stride, Padding padding) =>
        GradientCheck.Run((b, x) => b.Conv1D(x, 3, kernel, stride, padding), [7, 2]);

    [Theory]
    [InlineData(3, 1, Padding.Same, 1, 1)]
    [InlineData(3, 2, Padding.Valid, 2, 1)]
    [InlineData(2, 1, Padding.Same, 1, 2)]
    public void DepthwiseConv2D(int kernel, int stride, Padding padding, int multiplier, int dilation) =>
        GradientCheck.Run((b, x) => b.DepthwiseConv2D(x, kernel, stride, padding, multiplier, dilation), [5, 5, 3]);

    [Fact]
    public void SeparableConv2D() => GradientCheck.Run((b, x) => b.SeparableConv2D(x, 4, 3), [4, 4, 3]);

    [Theory]
    [InlineData(2, 2, Padding.Valid)]
    [InlineData(3, 2, Padding.Same)]
    public void MaxPool2D(int pool, int stride, Padding padding) =>
        GradientCheck.Run((b, x) => b.MaxPool2D(x, pool, stride, padding), [5, 5, 2]);

    [Theory]
    [InlineData(2, 2, Padding.Valid)]
    [InlineData(3, 2, Padding.Same)]
    public void AveragePool2D(int pool, int stride, Padding padding) =>
        GradientCheck.Run((b, x) => b.AveragePool2D(x, pool, stride, padding), [5, 5, 2]);

    [Fact]
    public void GlobalAveragePool() => GradientCheck.Run((b, x) => b.GlobalAveragePool(x), [3, 4, 2]);

    [Fact]
    public void BatchNorm_after_convolution() => GradientCheck.Run((b, x) => b.BatchNorm(b.Conv2D(x, 3, 3)), [4, 4, 2], batch: 3);

    [Fact]
    public void BatchNorm_on_features() => GradientCheck.Run((b, x) => b.BatchNorm(x), [4], batch: 5);

    [Fact]
    public void ReLU() => GradientCheck.Run((b, x) => b.ReLU(x), [4, 3]);

    [Fact]
    public void ReLU6() => GradientCheck.Run((b, x) => b.ReLU6(x), [4, 3], inputScale: 9f);

    [Fact]
    public void LeakyReLU() => GradientCheck.Run((b, x) => b.LeakyReLU(x, 0.1f), [4, 3]);

    [Fact]
    public void Tanh() => GradientCheck.Run((b, x) => b.Tanh(x), [4, 3], inputScale: 2f);

    [Fact]
    public void Sigmoid() => GradientCheck.Run((b, x) => b.Sigmoid(x), [4, 3], inputScale: 3f);

    [Fact]
    public void Softmax() => GradientCheck.Run((b, x) => b.Softmax(x), [2, 5], inputScale: 2f);

    [Fact]
    public void Dropout() => GradientCheck.Run((b, x) => b.Dropout(x, 0.4f), [12]);

    [Fact]
    public void Flatten_and_reshape() => GradientCheck.Run((b, x) => b.Dense(b.Flatten(b.Reshape(x, [3, 4])), 2), [2, 6]);

    [Fact]
    public void Residual_add() => GradientCheck.Run((b, x) => b.Add(x, b.Conv2D(x, 2, 3)), [4, 4, 2]);

    [Fact]
    public void Concatenate() => GradientCheck.Run((b, x) => b.Concatenate(b.Conv2D(x, 2, 1), x, b.Conv2D(x, 1, 3)), [3, 3, 2]);

    [Fact]
    public void Stacked_network() => GradientCheck.Run(
        (b, x) =>
        {
            var y = b.ReLU(b.BatchNorm(b.Conv2D(x, 4, 3, stride: 2)));
            y = b.ReLU(b.BatchNorm(b.DepthwiseConv2D(y, 3)));
            y = b.GlobalAveragePool(b.Conv2D(y, 3, 1));
            return b.Dense(y, 2);
        },
        [6, 6, 1],
        batch: 3);
}
