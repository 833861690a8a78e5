using Mote.Graph;

namespace Mote.Compress.Tests;

/// <summary>
/// The constraints of TFLite's int8 quantization specification, checked operator by operator; returns every
/// violation in words so that a failing test names them all.
/// </summary>
public static class QuantizationSpec
{
    public static List<string> Violations(Model model)
    {
        var graph = model.Main;
        var problems = new List<string>();
        Tensor T(int index) => graph.Tensors[index];
        void Check(bool condition, Operator op, string problem)
        {
            if (!condition)
            {
                problems.Add($"{op.DisplayName}: {problem}");
            }
        }

        void CheckActivation(Operator op, int index)
        {
            var q = T(index).Quantization;
            Check(T(index).Type == DataType.Int8, op, $"{T(index).Name} is {T(index).Type}");
            Check(q is { Scales.Count: 1, ZeroPoints.Count: 1 } && q.Scales[0] > 0 && q.ZeroPoints[0] is >= -128 and <= 127, op, $"{T(index).Name} is not quantized per tensor");
        }

        void CheckSame(Operator op, int a, int b) =>
            Check(T(a).Quantization is { } qa && T(b).Quantization is { } qb && qa.Scales == qb.Scales && qa.ZeroPoints == qb.ZeroPoints, op, $"{T(a).Name} and {T(b).Name} differ in quantization");

        foreach (var op in graph.Operators)
        {
            if (op.Type is OpType.Quantize)
            {
                CheckActivation(op, op.Outputs[0]);
                continue;
            }

            if (op.Type is OpType.Dequantize)
            {
                CheckActivation(op, op.Inputs[0]);
                continue;
            }

            CheckActivation(op, op.Inputs[0]);
            CheckActivation(op, op.Outputs[0]);
            switch (op.Type)
            {
                case OpType.Conv2D or OpType.DepthwiseConv2D or OpType.FullyConnected:
                    var weights = T(op.Inputs[1]);
                    var wq = weights.Quantization!;
                    var channels = op.Type == OpType.DepthwiseConv2D ? weights.Shape[3] : weights.Shape[0];
                    Check(weights.Type == DataType.Int8, op, "weights are not int8");
                    Check(wq.ZeroPoints.All(z => z == 0), op, "weights are not symmetric");
                    Check(weights.DataAs<sbyte>().ToArray().All(v => v >= -127), op, "weights use -128");
                    Check(wq.Scales.Count == 1 || (wq.Scales.Count == channels && wq.Axis == (op.Type == OpType.DepthwiseConv2D ? 3 : 0)), op, "weight scales are neither per tensor nor per output channel");
                    Check(op.Type == OpType.FullyConnected || wq.Scales.Count == channels, op, "convolution weights are not per channel");
                    var bias = T(op.Inputs[2]);
                    var bq = bias.Quantization!;
                    var inputScale = T(op.Inputs[0]).Quantization!.Scales[0];
                    Check(bias.Type == DataType.Int32 && bq.ZeroPoints.All(z => z == 0), op, "bias is not int32 with zero point 0");
                    Check(Enumerable.Range(0, bq.Scales.Count).All(c => bq.Scales[c] == inputScale * wq.Scales[wq.Scales.Count == 1 ? 0 : c]), op, "bias scale is not input scale × weight scale");
                    break;
                case OpType.Softmax or OpType.Logistic:
                    Check(T(op.Outputs[0]).Quantization == QuantizationParameters.PerTensor(1f / 256, -128), op, "output is not 1/256, -128");
                    break;
                case OpType.Tanh:
                    Check(T(op.Outputs[0]).Quantization == QuantizationParameters.PerTensor(1f / 128, 0), op, "output is not 1/128, 0");
                    break;
                case OpType.MaxPool2D or OpType.AveragePool2D or OpType.Reshape:
                    CheckSame(op, op.Inputs[0], op.Outputs[0]);
                    break;
                case OpType.Concatenation:
                    foreach (var input in op.Inputs)
                    {
                        CheckSame(op, input, op.Outputs[0]);
                    }

                    break;
            }
        }

        return problems;
    }
}
