using System.Runtime.InteropServices;
using Mote.Graph;
using Mote.Train.Layers;
using GraphTensor = Mote.Graph.Tensor;

namespace Mote.Train.Export;

/// <summary>
/// Turns a trained <see cref="Network"/> into a float32 <see cref="Model"/> for batch 1, one TFLite operator per layer:
/// CONV_2D (Conv1D through a height-1 reshape), DEPTHWISE_CONV_2D and FULLY_CONNECTED with a following ReLU/ReLU6 fused
/// and a following BatchNorm folded in; pools, MEAN for global average pooling, RESHAPE, ADD, CONCATENATION, the
/// activations, SOFTMAX. Dropout disappears. Weight layouts already match TFLite's, so weights are copied as they are.
/// </summary>
public static class ModelExporter
{
    public static Model Export(Network network, ExportOptions? options = null) => new Emitter(network, options ?? new ExportOptions()).Run();

    private sealed class Emitter(Network network, ExportOptions options)
    {
        private readonly List<GraphTensor> _tensors = [];
        private readonly List<Operator> _operators = [];
        private readonly int[] _nodeTensor = new int[network.Nodes.Count];
        private readonly bool[] _done = new bool[network.Nodes.Count];
        private readonly List<int>[] _consumers = Consumers(network);

        public Model Run()
        {
            _nodeTensor[0] = ActivationTensor("input", network.InputShape);
            for (var i = 1; i < network.Nodes.Count; i++)
            {
                if (!_done[i])
                {
                    Emit(network.Nodes[i]);
                }
            }

            var output = _nodeTensor[^1];
            if (options.AppendSoftmax)
            {
                var probabilities = ActivationTensor("probabilities", network.OutputShape);
                _operators.Add(new Operator(OpType.Softmax, [output], [probabilities]) { Options = new SoftmaxOptions() });
                output = probabilities;
            }

            var subgraph = new Subgraph([.. _tensors], [.. _operators], [_nodeTensor[0]], [output]) { Name = "main" };
            return new Model([subgraph]) { Description = "Mote.Train" };
        }

        private static List<int>[] Consumers(Network network)
        {
            var consumers = network.Nodes.Select(_ => new List<int>()).ToArray();
            foreach (var node in network.Nodes)
            {
                foreach (var input in node.Inputs)
                {
                    consumers[input].Add(node.Index);
                }
            }

            return consumers;
        }

        private void Emit(Node node)
        {
            var input = node.Inputs.Length > 0 ? _nodeTensor[node.Inputs[0]] : -1;
            switch (node.Layer)
            {
                case Conv2D or DepthwiseConv2D or Dense:
                    EmitWeighted(node);
                    break;
                case BatchNorm bn:
                    EmitBatchNorm(node, bn, input);
                    break;
                case Dropout:
                    _nodeTensor[node.Index] = input;
                    break;
                case ReLU:
                    Simple(node, OpType.Relu, NoOptions.Instance, input);
                    break;
                case ReLU6:
                    Simple(node, OpType.Relu6, NoOptions.Instance, input);
                    break;
                case LeakyReLU leaky:
                    Simple(node, OpType.LeakyRelu, new LeakyReluOptions(leaky.Alpha), input);
                    break;
                case Layers.Tanh:
                    Simple(node, OpType.Tanh, NoOptions.Instance, input);
                    break;
                case Sigmoid:
                    Simple(node, OpType.Logistic, NoOptions.Instance, input);
                    break;
                case Softmax:
                    Simple(node, OpType.Softmax, new SoftmaxOptions(), input);
                    break;
                case MaxPool2D max:
                    Simple(node, OpType.MaxPool2D, new Pool2DOptions(max.Padding, max.StrideW, max.StrideH, max.PoolW, max.PoolH), input);
                    break;
                case AveragePool2D average:
                    Simple(node, OpType.AveragePool2D, new Pool2DOptions(average.Padding, average.StrideW, average.StrideH, average.PoolW, average.PoolH), input);
                    break;
                case GlobalAveragePool:
                    var axes = Int32Constant($"{node.Layer.Name}/axes", [1, 2]);
                    Produce(node, OpType.Mean, new ReducerOptions(KeepDims: false), [input, axes]);
                    break;
                case Reshape:
                    _nodeTensor[node.Index] = ReshapeTo(input, node.Layer.Name, node.Shape);
                    break;
                case Layers.Add:
                    EmitAdd(node);
                    break;
                case Concatenate:
                    Produce(node, OpType.Concatenation, new ConcatenationOptions(node.Shape.Length), [.. node.Inputs.Select(i => _nodeTensor[i])]);
                    break;
                default:
                    throw new NotSupportedException($"{node.Layer!.Name}: no TFLite export for {node.Layer.GetType().Name}");
            }
        }

        /// <summary>Conv/depthwise/dense with the BatchNorm and ReLU/ReLU6 that follow it alone folded and fused in.</summary>
        private void EmitWeighted(Node node)
        {
            var last = node;
            BatchNorm? batchNorm = null;
            if (options.FoldBatchNorm && SoleConsumer(last) is { Layer: BatchNorm bn } bnNode)
            {
                batchNorm = bn;
                last = bnNode;
                _done[bnNode.Index] = true;
            }

            var (activation, fusedLast) = FusedActivation(last);
            last = fusedLast;
            var layer = node.Layer!;
            var (weights, bias, weightShape, channelAxisIsLast) = layer switch
            {
                Conv2D conv => (conv.Weights, conv.Bias, conv.Weights.Shape, false),
                DepthwiseConv2D dw => (dw.Weights, dw.Bias, dw.Weights.Shape, true),
                Dense dense => (dense.Weights, dense.Bias, dense.Weights.Shape, false),
                _ => throw new InvalidOperationException(),
            };
            var channels = node.Shape[^1];
            var kernel = (float[])weights.Value.Clone();
            var biasValues = bias is null ? new float[channels] : (float[])bias.Value.Clone();
            if (batchNorm is not null)
            {
                Fold(batchNorm, kernel, biasValues, channelAxisIsLast);
            }

            var inputs = new[]
            {
                _nodeTensor[node.Inputs[0]],
                FloatConstant($"{layer.Name}/kernel", weightShape, kernel),
                FloatConstant($"{layer.Name}/bias", [channels], biasValues),
            };
            var name = last.Layer!.Name;
            switch (layer)
            {
                case Conv1D conv:
                    inputs[0] = ReshapeTo(inputs[0], $"{layer.Name}/as_2d", [1, .. conv.InputShapes[0]]);
                    var output2D = ActivationTensor($"{layer.Name}/output_2d", [1, .. node.Shape]);
                    _operators.Add(new Operator(OpType.Conv2D, inputs, [output2D]) { Options = ConvOptions(conv, activation) });
                    _nodeTensor[last.Index] = ReshapeTo(output2D, name, node.Shape);
                    return;
                case Conv2D conv:
                    Produce(last, OpType.Conv2D, ConvOptions(conv, activation), inputs);
                    return;
                case DepthwiseConv2D dw:
                    Produce(last, OpType.DepthwiseConv2D, new DepthwiseConv2DOptions(dw.Padding, dw.StrideW, dw.StrideH, dw.Multiplier, activation, dw.DilationW, dw.DilationH), inputs);
                    return;
                default:
                    Produce(last, OpType.FullyConnected, new FullyConnectedOptions(activation), inputs);
                    return;
            }
        }

        /// <summary>ADD (a chain of them for more than two inputs) with a following ReLU/ReLU6 fused into the last.</summary>
        private void EmitAdd(Node node)
        {
            var (activation, last) = FusedActivation(node);
            var sum = _nodeTensor[node.Inputs[0]];
            for (var i = 1; i < node.Inputs.Length; i++)
            {
                var final = i == node.Inputs.Length - 1;
                var target = final ? ActivationTensor(last.Layer!.Name, node.Shape) : ActivationTensor($"{node.Layer!.Name}/partial_{i}", node.Shape);
                _operators.Add(new Operator(OpType.Add, [sum, _nodeTensor[node.Inputs[i]]], [target]) { Options = new AddSubOptions(final ? activation : Activation.None) });
                sum = target;
            }

            _nodeTensor[last.Index] = sum;
        }

        /// <summary>The ReLU or ReLU6 that alone reads <paramref name="node"/>, marked as emitted, and the node whose tensor the fused operator produces.</summary>
        private (Activation Activation, Node Last) FusedActivation(Node node)
        {
            if (SoleConsumer(node) is not { Layer: ReLU or ReLU6 } activationNode)
            {
                return (Activation.None, node);
            }

            _done[activationNode.Index] = true;
            return (activationNode.Layer is ReLU ? Activation.Relu : Activation.Relu6, activationNode);
        }

        private static Conv2DOptions ConvOptions(Conv2D conv, Activation activation) =>
            new(conv.Padding, conv.StrideW, conv.StrideH, activation, conv.DilationW, conv.DilationH);

        /// <summary>y = γ(Wx + b − μ)/σ + β = (γ/σ · W)x + (γ/σ · (b − μ) + β), per output channel.</summary>
        private static void Fold(BatchNorm bn, float[] kernel, float[] bias, bool channelAxisIsLast)
        {
            var channels = bias.Length;
            var perChannel = kernel.Length / channels;
            for (var c = 0; c < channels; c++)
            {
                var scale = bn.Gamma.Value[c] / MathF.Sqrt(bn.RunningVariance.Value[c] + bn.Epsilon);
                bias[c] = scale * (bias[c] - bn.RunningMean.Value[c]) + bn.Beta.Value[c];
                for (var k = 0; k < perChannel; k++)
                {
                    kernel[channelAxisIsLast ? k * channels + c : c * perChannel + k] *= scale;
                }
            }
        }

        /// <summary>A BatchNorm kept as its own operators: MUL by γ/σ, then ADD β − μγ/σ (broadcast over channels).</summary>
        private void EmitBatchNorm(Node node, BatchNorm bn, int input)
        {
            var channels = node.Shape[^1];
            var scale = new float[channels];
            var shift = new float[channels];
            for (var c = 0; c < channels; c++)
            {
                scale[c] = bn.Gamma.Value[c] / MathF.Sqrt(bn.RunningVariance.Value[c] + bn.Epsilon);
                shift[c] = bn.Beta.Value[c] - bn.RunningMean.Value[c] * scale[c];
            }

            var scaled = ActivationTensor($"{bn.Name}/scaled", node.Shape);
            _operators.Add(new Operator(OpType.Mul, [input, FloatConstant($"{bn.Name}/scale", [channels], scale)], [scaled]) { Options = new MulDivOptions() });
            Produce(node, OpType.Add, new AddSubOptions(), [scaled, FloatConstant($"{bn.Name}/shift", [channels], shift)]);
        }

        private Node? SoleConsumer(Node node) =>
            _consumers[node.Index] is [var only] && node.Index != network.Nodes.Count - 1 ? network.Nodes[only] : null;

        private void Simple(Node node, OpType type, OperatorOptions operatorOptions, int input) => Produce(node, type, operatorOptions, [input]);

        private void Produce(Node node, OpType type, OperatorOptions operatorOptions, int[] inputs)
        {
            var output = ActivationTensor(node.Layer!.Name, node.Shape);
            _operators.Add(new Operator(type, inputs, [output]) { Options = operatorOptions });
            _nodeTensor[node.Index] = output;
        }

        private int ReshapeTo(int input, string name, int[] shape)
        {
            int[] target = [1, .. shape];
            var output = ActivationTensor(name, shape);
            _operators.Add(new Operator(OpType.Reshape, [input, Int32Constant($"{name}/shape", target)], [output]) { Options = new ReshapeOptions(target) });
            return output;
        }

        /// <summary>A float32 activation tensor of shape [1, ...shape].</summary>
        private int ActivationTensor(string name, int[] shape) => AddTensor(new GraphTensor(name, DataType.Float32, Shape.Of([1, .. shape])));

        private int FloatConstant(string name, int[] shape, float[] values) =>
            AddTensor(new GraphTensor(name, DataType.Float32, Shape.Of(shape)) { Data = MemoryMarshal.AsBytes(values.AsSpan()).ToArray() });

        private int Int32Constant(string name, int[] values) =>
            AddTensor(new GraphTensor(name, DataType.Int32, Shape.Of(values.Length)) { Data = MemoryMarshal.AsBytes(values.AsSpan()).ToArray() });

        private int AddTensor(GraphTensor tensor)
        {
            _tensors.Add(tensor);
            return _tensors.Count - 1;
        }
    }
}
