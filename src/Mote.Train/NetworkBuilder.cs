using Mote.Data;
using Mote.Graph;
using Mote.Train.Layers;

namespace Mote.Train;

/// <summary>
/// Wires layers into a <see cref="Network"/>: each method adds one node reading earlier nodes and returns its handle,
/// so residual and branching graphs are written as plain code. Parameters are initialized as nodes are added, from
/// one generator seeded with <c>seed</c>, so a network definition and a seed fix the initial weights.
/// </summary>
public sealed class NetworkBuilder
{
    private readonly List<Node> _nodes = [];
    private readonly SeededRandom _random;
    private readonly HashSet<string> _names = [];

    public NetworkBuilder(int[] inputShape, ulong seed)
    {
        if (inputShape.Length == 0 || inputShape.Any(d => d <= 0))
        {
            throw new ArgumentException($"input shape [{string.Join(", ", inputShape)}] must have positive dimensions", nameof(inputShape));
        }

        _random = new SeededRandom(seed);
        _nodes.Add(new Node(0, null, [], inputShape));
    }

    public NodeRef Input => new(0);

    /// <summary>The output shape of a node (batch excluded).</summary>
    public int[] ShapeOf(NodeRef node) => _nodes[node.Index].Shape;

    /// <summary>Adds <paramref name="layer"/> reading <paramref name="inputs"/>.</summary>
    public NodeRef Apply(Layer layer, params NodeRef[] inputs)
    {
        if (!_names.Add(layer.Name))
        {
            throw new ArgumentException($"layer name '{layer.Name}' is used twice");
        }

        layer.Connect([.. inputs.Select(ShapeOf)], _random);
        _nodes.Add(new Node(_nodes.Count, layer, [.. inputs.Select(i => i.Index)], layer.OutputShape));
        return new NodeRef(_nodes.Count - 1);
    }

    /// <summary>The network whose output is <paramref name="output"/>; it keeps the nodes added up to that one.</summary>
    public Network Build(NodeRef output) => new([.. _nodes.Take(output.Index + 1)]);

    public NodeRef Dense(NodeRef x, int units, bool useBias = true, string? name = null) =>
        Apply(new Dense(Name(name, "dense"), units, useBias), x);

    public NodeRef Conv1D(NodeRef x, int filters, int kernel, int stride = 1, Padding padding = Padding.Same, int dilation = 1, bool useBias = true, string? name = null) =>
        Apply(new Conv1D(Name(name, "conv1d"), filters, kernel, stride, padding, dilation, useBias), x);

    public NodeRef Conv2D(NodeRef x, int filters, int kernel, int stride = 1, Padding padding = Padding.Same, int dilation = 1, bool useBias = true, string? name = null) =>
        Conv2D(x, filters, (kernel, kernel), (stride, stride), padding, (dilation, dilation), useBias, name);

    public NodeRef Conv2D(NodeRef x, int filters, (int H, int W) kernel, (int H, int W) stride, Padding padding = Padding.Same, (int H, int W)? dilation = null, bool useBias = true, string? name = null) =>
        Apply(new Conv2D(Name(name, "conv2d"), filters, kernel.H, kernel.W, stride.H, stride.W, padding, dilation?.H ?? 1, dilation?.W ?? 1, useBias), x);

    public NodeRef DepthwiseConv2D(NodeRef x, int kernel, int stride = 1, Padding padding = Padding.Same, int multiplier = 1, int dilation = 1, bool useBias = true, string? name = null) =>
        Apply(new DepthwiseConv2D(Name(name, "depthwise_conv2d"), kernel, kernel, stride, stride, padding, multiplier, dilation, dilation, useBias), x);

    /// <summary>A separable convolution: depthwise (kernel, stride) then a 1×1 convolution to <paramref name="filters"/>.</summary>
    public NodeRef SeparableConv2D(NodeRef x, int filters, int kernel, int stride = 1, Padding padding = Padding.Same, bool useBias = true, string? name = null)
    {
        var baseName = Name(name, "separable_conv2d");
        var depthwise = Apply(new DepthwiseConv2D(baseName + "_depthwise", kernel, kernel, stride, stride, padding, useBias: false), x);
        return Apply(new Conv2D(baseName + "_pointwise", filters, 1, 1, useBias: useBias), depthwise);
    }

    public NodeRef MaxPool2D(NodeRef x, int pool, int? stride = null, Padding padding = Padding.Valid, string? name = null) =>
        Apply(new MaxPool2D(Name(name, "max_pool2d"), pool, pool, stride ?? pool, stride ?? pool, padding), x);

    public NodeRef AveragePool2D(NodeRef x, int pool, int? stride = null, Padding padding = Padding.Valid, string? name = null) =>
        Apply(new AveragePool2D(Name(name, "average_pool2d"), pool, pool, stride ?? pool, stride ?? pool, padding), x);

    public NodeRef GlobalAveragePool(NodeRef x, string? name = null) => Apply(new GlobalAveragePool(Name(name, "global_average_pool")), x);

    public NodeRef BatchNorm(NodeRef x, float momentum = 0.9f, float epsilon = 1e-3f, string? name = null) =>
        Apply(new BatchNorm(Name(name, "batch_norm"), momentum, epsilon), x);

    public NodeRef ReLU(NodeRef x, string? name = null) => Apply(new ReLU(Name(name, "relu")), x);

    public NodeRef ReLU6(NodeRef x, string? name = null) => Apply(new ReLU6(Name(name, "relu6")), x);

    public NodeRef LeakyReLU(NodeRef x, float alpha = 0.2f, string? name = null) => Apply(new LeakyReLU(Name(name, "leaky_relu"), alpha), x);

    public NodeRef Tanh(NodeRef x, string? name = null) => Apply(new Tanh(Name(name, "tanh")), x);

    public NodeRef Sigmoid(NodeRef x, string? name = null) => Apply(new Sigmoid(Name(name, "sigmoid")), x);

    public NodeRef Softmax(NodeRef x, string? name = null) => Apply(new Softmax(Name(name, "softmax")), x);

    public NodeRef Dropout(NodeRef x, float rate, string? name = null) => Apply(new Dropout(Name(name, "dropout"), rate), x);

    public NodeRef Flatten(NodeRef x, string? name = null) => Apply(new Reshape(Name(name, "flatten"), []), x);

    public NodeRef Reshape(NodeRef x, int[] shape, string? name = null) => Apply(new Reshape(Name(name, "reshape"), shape), x);

    public NodeRef Add(params NodeRef[] inputs) => Apply(new Add(Name(null, "add")), inputs);

    public NodeRef Concatenate(params NodeRef[] inputs) => Apply(new Concatenate(Name(null, "concatenate")), inputs);

    /// <summary>The given name, or kind_N with the first N not yet taken.</summary>
    private string Name(string? name, string kind)
    {
        if (name is not null)
        {
            return name;
        }

        var n = 1;
        while (_names.Contains($"{kind}_{n}"))
        {
            n++;
        }

        return $"{kind}_{n}";
    }
}
