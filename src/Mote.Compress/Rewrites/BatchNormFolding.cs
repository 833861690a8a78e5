using System.Runtime.InteropServices;
using Mote.Graph;

namespace Mote.Compress.Rewrites;

/// <summary>
/// Folds an unfolded BatchNorm — a MUL by a per-channel constant and an ADD of one, as Mote exports it without folding
/// and as converters emit it — into the CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED before it. A MUL by s scales
/// output channel c's weights and bias by s[c]; an ADD of t adds t[c] to the bias. Each step needs the weighted
/// operator to have no fused activation yet and to be the only reader-visible producer of the intermediate tensor;
/// the MUL's or ADD's own fused activation moves onto the weighted operator. Repeated, MUL then ADD both fold.
/// </summary>
internal static class BatchNormFolding
{
    public static bool Apply(GraphEditor graph, List<string> log)
    {
        var changed = false;
        for (var i = 0; i < graph.Operators.Count; i++)
        {
            if (graph.Operators[i] is not { Type: OpType.Conv2D or OpType.DepthwiseConv2D or OpType.FullyConnected } op
                || FusedActivations.Of(op) != Activation.None
                || !HasFloatConstant(graph, op.Inputs[1])
                || (op.Inputs.Count > 2 && op.Inputs[2] >= 0 && !HasFloatConstant(graph, op.Inputs[2])))
            {
                continue;
            }

            var output = op.Outputs[0];
            var outputShape = graph.Tensors[output].Shape;
            var channels = outputShape[outputShape.Rank - 1];
            if (graph.SoleConsumer(output) is not { } next
                || graph.Operators[next] is not { Type: OpType.Mul or OpType.Add } affine
                || FusedActivations.Of(affine) is not { } activation
                || PerChannelOperand(graph, affine, output, channels) is not { } operand)
            {
                continue;
            }

            var hasBias = op.Inputs.Count > 2 && op.Inputs[2] >= 0;
            var weights = graph.Tensors[op.Inputs[1]];
            var kernel = weights.DataAs<float>().ToArray();
            var bias = hasBias ? graph.Tensors[op.Inputs[2]].DataAs<float>().ToArray() : new float[channels];
            if (affine.Type == OpType.Mul)
            {
                Scale(kernel, bias, operand, op.Type == OpType.DepthwiseConv2D);
            }
            else
            {
                for (var c = 0; c < channels; c++)
                {
                    bias[c] += operand[c];
                }
            }

            var biasTensor = hasBias ? graph.Tensors[op.Inputs[2]] : new Tensor($"{weights.Name}/bias", DataType.Float32, Shape.Of(channels));
            var kernelIndex = graph.AddTensor(weights with { Data = Bytes(kernel) });
            var biasIndex = graph.AddTensor(biasTensor with { Data = Bytes(bias) });
            ValueArray<int> inputs = [op.Inputs[0], kernelIndex, biasIndex, .. op.Inputs.Skip(3)];
            graph.Operators[i] = FusedActivations.With(op, activation) with { Inputs = inputs, Outputs = affine.Outputs };
            graph.Operators[next] = null;
            log.Add($"folded {affine.DisplayName} ({graph.Tensors[affine.Outputs[0]].Name}) into {op.DisplayName}");
            changed = true;
        }

        return changed;
    }

    /// <summary>y = s·(Wx + b): output channel c's weights and bias times s[c]. Depthwise keeps channels on the last axis.</summary>
    private static void Scale(float[] kernel, float[] bias, float[] scale, bool channelAxisIsLast)
    {
        var channels = bias.Length;
        var perChannel = kernel.Length / channels;
        for (var c = 0; c < channels; c++)
        {
            bias[c] *= scale[c];
            for (var k = 0; k < perChannel; k++)
            {
                kernel[channelAxisIsLast ? k * channels + c : c * perChannel + k] *= scale[c];
            }
        }
    }

    /// <summary>
    /// The MUL's or ADD's other operand as one value per output channel, when it is a float constant broadcast along
    /// the last axis only (shape [C], [1, ..., C], or a single value); otherwise null.
    /// </summary>
    private static float[]? PerChannelOperand(GraphEditor graph, Operator affine, int input, int channels)
    {
        if (affine.Inputs.Count != 2 || affine.Inputs[0] == affine.Inputs[1])
        {
            return null;
        }

        var other = affine.Inputs[0] == input ? affine.Inputs[1] : affine.Inputs[0];
        if (!HasFloatConstant(graph, other))
        {
            return null;
        }

        var shape = graph.Tensors[other].Shape;
        var values = graph.Tensors[other].DataAs<float>();
        var leadingOnes = shape.Dimensions.AsSpan()[..Math.Max(0, shape.Rank - 1)].IndexOfAnyExcept(1) < 0;
        var outputRank = graph.Tensors[affine.Outputs[0]].Shape.Rank;
        if (!leadingOnes || shape.Rank > outputRank)
        {
            return null;
        }

        return values.Length switch
        {
            1 => Enumerable.Repeat(values[0], channels).ToArray(),
            _ when values.Length == channels => values.ToArray(),
            _ => null,
        };
    }

    private static bool HasFloatConstant(GraphEditor graph, int index) =>
        index >= 0 && graph.Tensors[index] is { Type: DataType.Float32, IsConstant: true };

    private static ValueArray<byte> Bytes(float[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
