using System.Runtime.InteropServices;
using Mote.Compress.Quantization;
using Mote.Graph;
using Mote.Train;
using Mote.Train.Layers;

namespace Mote.Compress.Qat;

/// <summary>
/// The training graph for quantization-aware training of a float model (BatchNorm already folded, activations fused):
/// one Mote.Train layer per operator, weights fake-quantized per channel as <see cref="PostTrainingQuantizer"/> will
/// quantize them (<see cref="TransformedWeights"/>), and an <see cref="ActivationFakeQuant"/> wherever the int8 model
/// rounds an activation. Tensors that the int8 specification ties together (pools, RESHAPE, CONCATENATION) share one
/// <see cref="ActivationObserver"/>. A final SOFTMAX is left out of training (the loss takes logits) but kept in the
/// exported model. Export writes the fine-tuned weights into the float model and quantizes it with the observers'
/// ranges, so the int8 model computes with the very grids the training simulated.
/// </summary>
public sealed class QatNetwork
{
    private readonly List<(TransformedWeights Layer, int Kernel, int Bias)> _weighted = [];
    private readonly Dictionary<int, ActivationObserver> _observerOfRoot = [];
    private readonly HashSet<int> _activations = [];
    private ActivationQuantization.TieGroups _groups = null!;

    private QatNetwork(Model floatModel, QuantizationOptions quantization)
    {
        FloatModel = floatModel;
        Quantization = quantization;
    }

    /// <summary>The float model the network was built from.</summary>
    public Model FloatModel { get; }

    public QuantizationOptions Quantization { get; }

    public Network Network { get; private set; } = null!;

    /// <summary>The float model's tensor the network's output stands for (the logits when a final SOFTMAX was left out).</summary>
    public int OutputTensor { get; private set; }

    /// <summary>Builds the network; observers start from <paramref name="initial"/> (a min/max calibration of the float model).</summary>
    public static QatNetwork Build(Model floatModel, CalibrationStatistics initial, QatOptions options)
    {
        var qat = new QatNetwork(floatModel, options.Quantization);
        qat.Wire(initial, options);
        return qat;
    }

    /// <summary>The float model with the fine-tuned weights and biases.</summary>
    public Model FineTunedFloatModel()
    {
        var tensors = FloatModel.Main.Tensors.ToArray();
        foreach (var (layer, kernel, bias) in _weighted)
        {
            tensors[kernel] = tensors[kernel] with { Data = Bytes(layer.Weights.Value) };
            if (bias >= 0)
            {
                tensors[bias] = tensors[bias] with { Data = Bytes(layer.Bias!.Value) };
            }
        }

        return FloatModel with { Subgraphs = [FloatModel.Main with { Tensors = tensors }, .. FloatModel.Subgraphs.Skip(1)] };
    }

    /// <summary>Every activation tensor's range as its group's observer holds it now.</summary>
    public CalibrationStatistics Statistics(int samples) =>
        new(_activations.ToDictionary(t => t, t => _observerOfRoot[_groups.Root(t)].Range), samples);

    /// <summary>The int8 model: the fine-tuned float model quantized with the observers' ranges.</summary>
    public Model Export(int samples) => PostTrainingQuantizer.Quantize(FineTunedFloatModel(), Statistics(samples), Quantization);

    /// <summary>The int8 grid the simulation rounds an activation tensor to now: its group observer's parameters.</summary>
    public QuantizationParameters ActivationGrid(int tensor) => _observerOfRoot[_groups.Root(tensor)].Parameters;

    private void Wire(CalibrationStatistics initial, QatOptions options)
    {
        var graph = FloatModel.Main;
        if (graph.Inputs.Count != 1 || graph.Outputs.Count != 1)
        {
            throw new NotSupportedException("quantization-aware training takes a model with one input and one output");
        }

        var (groups, fixedOutputs, _) = ActivationQuantization.Structure(graph);
        _groups = groups;
        var operators = graph.Operators.ToList();
        if (operators is [.., { Type: OpType.Softmax } last] && last.Outputs[0] == graph.Outputs[0])
        {
            operators.RemoveAt(operators.Count - 1);
        }

        var input = graph.Inputs[0];
        var builder = new NetworkBuilder(WithoutBatch(graph.Tensors[input]), options.Seed);
        var nodeOf = new Dictionary<int, NodeRef>();
        var updating = new HashSet<int>();

        NodeRef Observe(NodeRef node, int tensor)
        {
            _activations.Add(tensor);
            var root = groups.Root(tensor);
            if (!_observerOfRoot.TryGetValue(root, out var observer))
            {
                var range = TensorRange.Empty;
                for (var t = 0; t < graph.Tensors.Count; t++)
                {
                    range = groups.Root(t) == root ? range.Include(initial[t]) : range;
                }

                observer = new ActivationObserver(range, options.ObserverDecay, fixedOutputs.GetValueOrDefault(tensor));
                _observerOfRoot[root] = observer;
            }

            return builder.Apply(new ActivationFakeQuant($"fake_quant_{tensor}", observer, updating.Add(root)), node);
        }

        nodeOf[input] = Observe(builder.Input, input);
        for (var i = 0; i < operators.Count; i++)
        {
            var op = operators[i];
            foreach (var tensor in ActivationQuantization.ActivationTensors(graph, op).Where(t => graph.Tensors[t].IsConstant))
            {
                throw new NotSupportedException($"operator {i} ({op.DisplayName}) reads the constant {graph.Tensors[tensor].Name}; quantization-aware training needs activations only");
            }

            var output = op.Outputs[0];
            var node = Emit(builder, graph, i, op, [.. op.Inputs.Take(op.Type is OpType.Add or OpType.Concatenation ? op.Inputs.Count : 1).Select(t => nodeOf[t])]);
            nodeOf[output] = op.Type is OpType.MaxPool2D or OpType.Reshape ? node : Observe(node, output);
            _activations.Add(output);
        }

        OutputTensor = operators[^1].Outputs[0];
        Network = builder.Build(nodeOf[OutputTensor]);
    }

    /// <summary>The layers for one operator (its fused activation included), reading <paramref name="inputs"/>.</summary>
    private NodeRef Emit(NetworkBuilder builder, Subgraph graph, int index, Operator op, NodeRef[] inputs)
    {
        var name = $"op{index}_{op.DisplayName.ToLowerInvariant()}";
        var x = inputs[0];
        switch (op.Type, op.Options)
        {
            case (OpType.Conv2D, Conv2DOptions o):
                var filter = graph.Tensors[op.Inputs[1]].Shape;
                return Activate(builder, Weighted(builder, op, new Conv2D(name, filter[0], filter[1], filter[2], o.StrideH, o.StrideW, o.Padding, o.DilationH, o.DilationW, HasBias(op)), x), o.Activation, index, op);
            case (OpType.DepthwiseConv2D, DepthwiseConv2DOptions o):
                var depthwise = graph.Tensors[op.Inputs[1]].Shape;
                return Activate(builder, Weighted(builder, op, new DepthwiseConv2D(name, depthwise[1], depthwise[2], o.StrideH, o.StrideW, o.Padding, o.DepthMultiplier, o.DilationH, o.DilationW, HasBias(op)), x), o.Activation, index, op);
            case (OpType.FullyConnected, FullyConnectedOptions o):
                var flat = builder.ShapeOf(x).Length == 1 ? x : builder.Flatten(x, $"{name}_flatten");
                return Activate(builder, Weighted(builder, op, new Dense(name, graph.Tensors[op.Inputs[1]].Shape[0], HasBias(op)), flat), o.Activation, index, op);
            case (OpType.MaxPool2D, Pool2DOptions o):
                return Activate(builder, builder.Apply(new MaxPool2D(name, o.FilterHeight, o.FilterWidth, o.StrideH, o.StrideW, o.Padding), x), o.Activation, index, op);
            case (OpType.AveragePool2D, Pool2DOptions o):
                return Activate(builder, builder.Apply(new AveragePool2D(name, o.FilterHeight, o.FilterWidth, o.StrideH, o.StrideW, o.Padding), x), o.Activation, index, op);
            case (OpType.Mean, ReducerOptions { KeepDims: false }) when graph.Tensors[op.Inputs[1]].ConstantIntegers() is [1, 2] && builder.ShapeOf(x).Length == 3:
                return builder.GlobalAveragePool(x, name);
            case (OpType.Reshape, _):
                return builder.Reshape(x, WithoutBatch(graph.Tensors[op.Outputs[0]]), name);
            case (OpType.Add, AddSubOptions o) when inputs.Length == 2:
                return Activate(builder, builder.Apply(new Add(name), inputs), o.Activation, index, op);
            case (OpType.Concatenation, ConcatenationOptions { Activation: Activation.None } o) when o.Axis == -1 || o.Axis == graph.Tensors[op.Outputs[0]].Shape.Rank - 1:
                return builder.Apply(new Concatenate(name), inputs);
            case (OpType.Softmax, SoftmaxOptions { Beta: 1f }):
                return builder.Softmax(x, name);
            case (OpType.Logistic, _):
                return builder.Sigmoid(x, name);
            case (OpType.Tanh, _):
                return builder.Tanh(x, name);
            case (OpType.Relu, _):
                return builder.ReLU(x, name);
            case (OpType.Relu6, _):
                return builder.ReLU6(x, name);
            default:
                throw new NotSupportedException($"operator {index} ({op.DisplayName}) has no quantization-aware training layer with these options");
        }
    }

    /// <summary>A weighted layer with fake-quantized weights, its float weights and bias copied from the model.</summary>
    private NodeRef Weighted(NetworkBuilder builder, Operator op, Layer layer, NodeRef input)
    {
        var axis = Int8Quantization.ChannelAxis(op.Type);
        var perChannel = Quantization.PerChannel(op.Type);
        var wrapped = new TransformedWeights(layer, (weights, shape, result) => Int8Quantization.FakeQuantizeWeights(weights, Shape.Of(shape), axis, perChannel, result));
        var node = builder.Apply(wrapped, input);
        FloatModel.Main.Tensors[op.Inputs[1]].DataAs<float>().CopyTo(wrapped.Weights.Value);
        var bias = HasBias(op) ? op.Inputs[2] : -1;
        if (bias >= 0)
        {
            FloatModel.Main.Tensors[bias].DataAs<float>().CopyTo(wrapped.Bias!.Value);
        }

        _weighted.Add((wrapped, op.Inputs[1], bias));
        return node;
    }

    private static NodeRef Activate(NetworkBuilder builder, NodeRef x, Activation activation, int index, Operator op) => activation switch
    {
        Activation.None => x,
        Activation.Relu => builder.ReLU(x, $"op{index}_relu"),
        Activation.Relu6 => builder.ReLU6(x, $"op{index}_relu6"),
        _ => throw new NotSupportedException($"operator {index} ({op.DisplayName}): fused activation {activation} has no training layer"),
    };

    private static bool HasBias(Operator op) => op.Inputs.Count > 2 && op.Inputs[2] >= 0;

    private static int[] WithoutBatch(Tensor tensor)
    {
        if (tensor.Shape.Rank < 2 || tensor.Shape[0] != 1)
        {
            throw new NotSupportedException($"tensor {tensor.Name} has shape {tensor.Shape}; quantization-aware training needs batch 1 first");
        }

        return [.. tensor.Shape.Dimensions.AsSpan()[1..]];
    }

    private static ValueArray<byte> Bytes(float[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
