using System.Runtime.InteropServices;
using Mote.Graph;

namespace Mote.Compress.Quantization;

/// <summary>
/// Int8 post-training quantization following TFLite's int8 specification, so that TFLM and Mote's interpreter run
/// the result unchanged: activations per tensor from calibration ranges (<see cref="ActivationQuantization"/>),
/// convolution weights per output channel, biases int32. Operator versions are left to the TFLite writer.
/// </summary>
public static class PostTrainingQuantizer
{
    private static readonly HashSet<OpType> s_supported =
    [
        OpType.Conv2D, OpType.DepthwiseConv2D, OpType.FullyConnected, OpType.AveragePool2D, OpType.MaxPool2D, OpType.Mean,
        OpType.Reshape, OpType.Softmax, OpType.Add, OpType.Concatenation, OpType.Logistic, OpType.Tanh, OpType.Relu, OpType.Relu6,
    ];

    public static Model Quantize(Model floatModel, CalibrationStatistics statistics, QuantizationOptions options)
    {
        var graph = floatModel.Main;
        for (var i = 0; i < graph.Operators.Count; i++)
        {
            var op = graph.Operators[i];
            if (!s_supported.Contains(op.Type))
            {
                throw new NotSupportedException(
                    $"operator {i} ({op.DisplayName}) cannot be quantized to int8; supported are {string.Join(", ", s_supported.Select(t => t.TfLiteName()))}");
            }
        }

        var tensors = graph.Tensors.ToList();
        foreach (var (index, quantization) in ActivationQuantization.Choose(graph, statistics))
        {
            var tensor = tensors[index];
            tensors[index] = tensor with
            {
                Type = DataType.Int8,
                Quantization = quantization,
                Data = tensor.IsConstant ? new ValueArray<byte>(Array.ConvertAll(tensor.DataAs<float>().ToArray(), v => (byte)Int8Quantization.Quantize(v, quantization))) : tensor.Data,
            };
        }

        for (var i = 0; i < graph.Operators.Count; i++)
        {
            QuantizeParameters(graph, i, tensors, options);
        }

        var operators = new List<Operator>();
        foreach (var op in graph.Operators)
        {
            operators.Add(op.Type == OpType.Concatenation ? RequantizeInputs(op, tensors, operators) : op with { Version = 0 });
        }

        var quantized = graph with { Tensors = [.. tensors], Operators = [.. operators] };
        return floatModel with
        {
            Subgraphs = [options.FloatIo ? FloatIo.Wrap(graph, quantized) : quantized, .. floatModel.Subgraphs.Skip(1)],
        };
    }

    /// <summary>
    /// CONCATENATION needs every input quantized as its output; an input that is not (a SOFTMAX, LOGISTIC or TANH
    /// output, whose quantization is fixed) goes through a requantizing QUANTIZE first, as the TFLite converter does.
    /// </summary>
    private static Operator RequantizeInputs(Operator concatenation, List<Tensor> tensors, List<Operator> operators)
    {
        var target = tensors[concatenation.Outputs[0]].Quantization;
        var inputs = concatenation.Inputs.ToArray();
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = tensors[inputs[i]];
            if (input.Quantization != target)
            {
                tensors.Add(input with { Name = $"{input.Name}/requantized", Quantization = target });
                operators.Add(new Operator(OpType.Quantize, [inputs[i]], [tensors.Count - 1]));
                inputs[i] = tensors.Count - 1;
            }
        }

        return concatenation with { Inputs = inputs, Version = 0 };
    }

    /// <summary>Weights and bias of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED (the input scale fixes the bias scale).</summary>
    private static void QuantizeParameters(Subgraph graph, int index, List<Tensor> tensors, QuantizationOptions options)
    {
        var op = graph.Operators[index];
        if (op.Type is not (OpType.Conv2D or OpType.DepthwiseConv2D or OpType.FullyConnected))
        {
            return;
        }

        var axis = Int8Quantization.ChannelAxis(op.Type);
        var perChannel = options.PerChannel(op.Type);
        var weights = graph.Tensors[op.Inputs[1]];
        if (weights.Type != DataType.Float32 || !weights.IsConstant || tensors[op.Inputs[1]] != weights)
        {
            throw new NotSupportedException($"operator {index} ({op.DisplayName}): weights {weights.Name} must be a float constant used by this operator alone");
        }

        var (weightValues, weightQuantization) = Int8Quantization.Weights(weights.DataAs<float>(), weights.Shape, axis, perChannel);
        tensors[op.Inputs[1]] = weights with { Type = DataType.Int8, Data = MemoryMarshal.AsBytes(weightValues.AsSpan()).ToArray(), Quantization = weightQuantization };
        if (op.Inputs.Count < 3 || op.Inputs[2] < 0)
        {
            return;
        }

        var bias = graph.Tensors[op.Inputs[2]];
        if (bias.Type != DataType.Float32 || !bias.IsConstant || tensors[op.Inputs[2]] != bias)
        {
            throw new NotSupportedException($"operator {index} ({op.DisplayName}): bias {bias.Name} must be a float constant used by this operator alone");
        }

        var inputScale = tensors[op.Inputs[0]].Quantization!.Scales[0];
        var (biasValues, biasQuantization) = Int8Quantization.Bias(bias.DataAs<float>(), inputScale, weightQuantization);
        tensors[op.Inputs[2]] = bias with { Type = DataType.Int32, Data = MemoryMarshal.AsBytes(biasValues.AsSpan()).ToArray(), Quantization = biasQuantization };
    }
}
