using Mote.Graph;

namespace Mote.Train;

/// <summary>
/// Ready-made networks in the spirit of the MLPerf Tiny reference models. Classifiers end in logits (train them with
/// <see cref="Losses.CrossEntropy"/>; export with a softmax appended if probabilities are wanted).
/// </summary>
public static class Architectures
{
    /// <summary>
    /// DS-CNN for keyword spotting (MLPerf Tiny KWS, 49×10 MFCC input): a 10×4 stride-2 convolution, then
    /// <paramref name="blocks"/> depthwise-separable blocks, each convolution with BatchNorm and ReLU, global pooling.
    /// </summary>
    public static Network DsCnn(int[] inputShape, int classes, int filters = 64, int blocks = 4, float dropout = 0.2f, ulong seed = 1)
    {
        var b = new NetworkBuilder(inputShape, seed);
        var x = ConvBnRelu(b, b.Input, filters, (10, 4), (2, 2));
        x = b.Dropout(x, dropout);
        for (var i = 0; i < blocks; i++)
        {
            x = b.ReLU(b.BatchNorm(b.DepthwiseConv2D(x, 3, useBias: false)));
            x = ConvBnRelu(b, x, filters, (1, 1), (1, 1));
        }

        x = b.Dropout(b.GlobalAveragePool(x), dropout);
        return b.Build(b.Dense(x, classes));
    }

    /// <summary>
    /// MobileNet-v1 (MLPerf Tiny visual wake words uses width 0.25 on 96×96×3): a stride-2 convolution and 13
    /// depthwise-separable blocks with ReLU6, channel counts scaled by <paramref name="width"/>.
    /// </summary>
    public static Network MobileNetV1(int[] inputShape, int classes, float width = 0.25f, ulong seed = 1)
    {
        (int Filters, int Stride)[] plan =
        [
            (64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
            (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1),
        ];
        int Scaled(int filters) => Math.Max(8, (int)(filters * width));
        var b = new NetworkBuilder(inputShape, seed);
        var x = b.ReLU6(b.BatchNorm(b.Conv2D(b.Input, Scaled(32), 3, stride: 2, useBias: false)));
        foreach (var (filters, stride) in plan)
        {
            x = b.ReLU6(b.BatchNorm(b.DepthwiseConv2D(x, 3, stride, useBias: false)));
            x = b.ReLU6(b.BatchNorm(b.Conv2D(x, Scaled(filters), 1, useBias: false)));
        }

        return b.Build(b.Dense(b.GlobalAveragePool(x), classes));
    }

    /// <summary>
    /// ResNet-8 (MLPerf Tiny image classification on 32×32×3): a 16-filter stem and three residual stacks of 16, 32
    /// and 64 filters (the last two stride 2 with a 1×1 projection shortcut), global pooling.
    /// </summary>
    public static Network ResNet8(int[] inputShape, int classes, ulong seed = 1)
    {
        var b = new NetworkBuilder(inputShape, seed);
        var x = ConvBnRelu(b, b.Input, 16, (3, 3), (1, 1));
        foreach (var (filters, stride) in new[] { (16, 1), (32, 2), (64, 2) })
        {
            var y = ConvBnRelu(b, x, filters, (3, 3), (stride, stride));
            y = b.BatchNorm(b.Conv2D(y, filters, 3, useBias: false));
            var shortcut = stride == 1 ? x : b.Conv2D(x, filters, 1, stride);
            x = b.ReLU(b.Add(shortcut, y));
        }

        return b.Build(b.Dense(b.GlobalAveragePool(x), classes));
    }

    /// <summary>
    /// Dense autoencoder for anomaly detection (MLPerf Tiny AD, 640 inputs): <paramref name="depth"/> Dense+BatchNorm+ReLU
    /// layers down to a <paramref name="bottleneck"/>, the mirror image up, and a linear reconstruction.
    /// </summary>
    public static Network DenseAutoencoder(int inputs, int hidden = 128, int bottleneck = 8, int depth = 4, ulong seed = 1)
    {
        var b = new NetworkBuilder([inputs], seed);
        var x = b.Input;
        for (var i = 0; i < depth; i++)
        {
            x = b.ReLU(b.BatchNorm(b.Dense(x, hidden)));
        }

        x = b.ReLU(b.BatchNorm(b.Dense(x, bottleneck)));
        for (var i = 0; i < depth; i++)
        {
            x = b.ReLU(b.BatchNorm(b.Dense(x, hidden)));
        }

        return b.Build(b.Dense(x, inputs));
    }

    /// <summary>A multilayer perceptron: flatten, Dense+ReLU per hidden size, Dense to <paramref name="outputs"/>.</summary>
    public static Network Mlp(int[] inputShape, int[] hidden, int outputs, float dropout = 0f, ulong seed = 1)
    {
        var b = new NetworkBuilder(inputShape, seed);
        var x = inputShape.Length == 1 ? b.Input : b.Flatten(b.Input);
        foreach (var units in hidden)
        {
            x = b.ReLU(b.Dense(x, units));
            if (dropout > 0)
            {
                x = b.Dropout(x, dropout);
            }
        }

        return b.Build(b.Dense(x, outputs));
    }

    /// <summary>
    /// A small image CNN (two Conv+BatchNorm+ReLU+MaxPool stages, dropout, a hidden Dense layer); on Fashion-MNIST it
    /// passes 90% test accuracy within a few epochs.
    /// </summary>
    public static Network SmallCnn(int[] inputShape, int classes, int filters = 32, int hidden = 128, float dropout = 0.3f, ulong seed = 1)
    {
        var b = new NetworkBuilder(inputShape, seed);
        var x = b.MaxPool2D(ConvBnRelu(b, b.Input, filters, (3, 3), (1, 1)), 2);
        x = b.MaxPool2D(ConvBnRelu(b, x, filters * 2, (3, 3), (1, 1)), 2);
        x = b.ReLU(b.Dense(b.Dropout(b.Flatten(x), dropout), hidden));
        return b.Build(b.Dense(x, classes));
    }

    private static NodeRef ConvBnRelu(NetworkBuilder b, NodeRef x, int filters, (int, int) kernel, (int, int) stride) =>
        b.ReLU(b.BatchNorm(b.Conv2D(x, filters, kernel, stride, Padding.Same, useBias: false)));
}
