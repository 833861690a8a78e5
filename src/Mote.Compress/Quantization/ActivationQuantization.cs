using Mote.Graph;

namespace Mote.Compress.Quantization;

/// <summary>
/// Chooses the int8 parameters of every activation tensor (every float tensor that is not a weight or bias). Most
/// take their calibrated range; SOFTMAX and LOGISTIC outputs are fixed at 1/256, −128 and TANH at 1/128, 0; and the
/// operators TFLite requires to keep their input's quantization (pools, RESHAPE, RELU6, CONCATENATION) tie their tensors
/// into one group that shares the union of the members' ranges. A CONCATENATION input whose quantization is fixed is
/// not tied (two fixed inputs could disagree); its range joins the group and the quantizer requantizes it.
/// </summary>
internal static class ActivationQuantization
{
    private static readonly QuantizationParameters s_unitInterval = QuantizationParameters.PerTensor(1f / 256, -128);
    private static readonly QuantizationParameters s_signedUnitInterval = QuantizationParameters.PerTensor(1f / 128, 0);

    public static Dictionary<int, QuantizationParameters> Choose(Subgraph graph, CalibrationStatistics statistics)
    {
        var (groups, fixedOutputs, requantized) = Structure(graph);
        var activations = new HashSet<int>(graph.Inputs.Where(i => IsFloat(graph, i)));
        foreach (var op in graph.Operators)
        {
            activations.UnionWith(ActivationTensors(graph, op));
        }

        var ranges = new Dictionary<int, TensorRange>();
        var fixedByGroup = new Dictionary<int, QuantizationParameters>();
        void Widen(int root, TensorRange range) => ranges[root] = (ranges.TryGetValue(root, out var r) ? r : TensorRange.Empty).Include(range);
        foreach (var tensor in activations)
        {
            var root = groups.Root(tensor);
            Widen(root, graph.Tensors[tensor].IsConstant ? TensorRange.Of(graph.Tensors[tensor].DataAs<float>()) : statistics[tensor]);
            if (fixedOutputs.TryGetValue(tensor, out var required))
            {
                if (fixedByGroup.TryGetValue(root, out var other) && other != required)
                {
                    throw new NotSupportedException($"tensor {tensor} ({graph.Tensors[tensor].Name}) would need two fixed quantizations");
                }

                fixedByGroup[root] = required;
            }
        }

        foreach (var (input, output) in requantized)
        {
            Widen(groups.Root(output), statistics[input]);
        }

        return activations.ToDictionary(
            tensor => tensor,
            tensor => fixedByGroup.TryGetValue(groups.Root(tensor), out var required) ? required : Int8Quantization.Activation(ranges[groups.Root(tensor)]));
    }

    /// <summary>
    /// Which activation tensors share one quantization (tie groups), which have a fixed one, and which CONCATENATION
    /// inputs stay apart to be requantized into the concatenation's group.
    /// </summary>
    public static (TieGroups Groups, Dictionary<int, QuantizationParameters> Fixed, List<(int Input, int Output)> Requantized) Structure(Subgraph graph)
    {
        var groups = new TieGroups(graph.Tensors.Count);
        var fixedOutputs = new Dictionary<int, QuantizationParameters>();
        foreach (var op in graph.Operators)
        {
            switch (op.Type)
            {
                case OpType.MaxPool2D or OpType.AveragePool2D or OpType.Reshape or OpType.Relu6:
                    groups.Tie(op.Inputs[0], op.Outputs[0]);
                    break;
                case OpType.Softmax or OpType.Logistic:
                    fixedOutputs[op.Outputs[0]] = s_unitInterval;
                    break;
                case OpType.Tanh:
                    fixedOutputs[op.Outputs[0]] = s_signedUnitInterval;
                    break;
            }
        }

        var fixedRoots = fixedOutputs.Keys.Select(groups.Root).ToHashSet();
        var requantized = new List<(int Input, int Output)>();
        foreach (var op in graph.Operators.Where(op => op.Type == OpType.Concatenation))
        {
            foreach (var input in op.Inputs)
            {
                if (fixedRoots.Contains(groups.Root(input)))
                {
                    requantized.Add((input, op.Outputs[0]));
                }
                else
                {
                    groups.Tie(input, op.Outputs[0]);
                }
            }
        }

        return (groups, fixedOutputs, requantized);
    }

    /// <summary>The float tensors an operator reads or writes, except the weights and bias of weighted operators.</summary>
    public static IEnumerable<int> ActivationTensors(Subgraph graph, Operator op)
    {
        var weighted = op.Type is OpType.Conv2D or OpType.DepthwiseConv2D or OpType.FullyConnected;
        var inputs = weighted ? op.Inputs.Take(1) : op.Inputs;
        return inputs.Concat(op.Outputs).Where(i => i >= 0 && IsFloat(graph, i));
    }

    private static bool IsFloat(Subgraph graph, int tensor) => graph.Tensors[tensor].Type == DataType.Float32;

    /// <summary>Union-find over tensor indices.</summary>
    public sealed class TieGroups(int count)
    {
        private readonly int[] _parent = Enumerable.Range(0, count).ToArray();

        public int Root(int tensor)
        {
            while (_parent[tensor] != tensor)
            {
                _parent[tensor] = _parent[_parent[tensor]];
                tensor = _parent[tensor];
            }

            return tensor;
        }

        public void Tie(int a, int b) => _parent[Root(a)] = Root(b);
    }
}
