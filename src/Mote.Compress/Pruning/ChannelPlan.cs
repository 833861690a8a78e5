using Mote.Train;
using Mote.Train.Layers;

namespace Mote.Compress.Pruning;

/// <summary>
/// Which output channels of which layers structured pruning keeps, and what that means for every node's last axis.
/// Conv2D, Conv1D and Dense layers produce channels; depthwise convolutions, BatchNorm, activations, dropout, pooling
/// and flatten carry them through (a flatten repeats the kept set at every position, a depthwise multiplier m expands
/// channel c to c·m … c·m + m − 1); Add joins its inputs' groups. Groups that reach the network output, a softmax, a
/// concatenation, a reshape that moves the channel axis or an unknown layer keep all their channels.
/// </summary>
public sealed class ChannelPlan
{
    private readonly int[]?[] _kept;

    private ChannelPlan(int[]?[] kept, IReadOnlyList<ChannelGroup> groups)
    {
        _kept = kept;
        Groups = groups;
    }

    public IReadOnlyList<ChannelGroup> Groups { get; }

    /// <summary>The kept indices along node <paramref name="node"/>'s last axis (ascending), or null when it keeps all.</summary>
    public int[]? Kept(int node) => _kept[node];

    /// <summary>Plans removing <paramref name="ratio"/> of the channels (rounded, at least one kept) of every prunable group.</summary>
    public static ChannelPlan Create(Network network, double ratio, ChannelCriterion criterion)
    {
        if (ratio is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), $"the fraction of channels to remove must be between 0 and 1, not {ratio}");
        }

        var builder = new GroupBuilder();
        var nodes = network.Nodes;
        var layouts = new Layout[nodes.Count];
        layouts[0] = new Layout(builder.Add(nodes[0].Shape[^1], -1, isFixed: true), 1, 1);
        for (var i = 1; i < nodes.Count; i++)
        {
            layouts[i] = Propagate(nodes[i], [.. nodes[i].Inputs.Select(j => layouts[j])], nodes, builder);
        }

        builder.Fix(layouts[^1].Group);

        var keptByGroup = new Dictionary<int, int[]>();
        var groups = new List<ChannelGroup>();
        foreach (var (root, producers) in builder.Roots())
        {
            var channels = builder.Channels(root);
            int[]? kept = null;
            if (!builder.IsFixed(root))
            {
                var keep = Math.Max(1, channels - (int)Math.Round(ratio * channels));
                kept = Strongest(Scores(network, producers, channels, criterion), keep);
                keptByGroup[root] = kept;
            }

            groups.Add(new ChannelGroup([.. producers.Select(p => nodes[p].Layer!.Name)], channels, kept));
        }

        var keptByNode = layouts.Select(l => keptByGroup.TryGetValue(builder.Find(l.Group), out var k) ? l.Expand(k, builder.Channels(builder.Find(l.Group))) : null).ToArray();
        return new ChannelPlan(keptByNode, groups);
    }

    private static Layout Propagate(Node node, Layout[] inputs, IReadOnlyList<Node> nodes, GroupBuilder builder)
    {
        switch (node.Layer)
        {
            case Conv2D or Dense:
                return new Layout(builder.Add(node.Shape[^1], node.Index, isFixed: false), 1, 1);
            case DepthwiseConv2D depthwise:
                return inputs[0] with { Multiplier = inputs[0].Multiplier * depthwise.Multiplier };
            case BatchNorm or ElementwiseActivation or Dropout or Pool2D or GlobalAveragePool:
                return inputs[0];
            case Add:
                foreach (var other in inputs.Skip(1))
                {
                    if (other with { Group = inputs[0].Group } == inputs[0])
                    {
                        builder.Union(inputs[0].Group, other.Group);
                    }
                    else
                    {
                        builder.Fix(inputs[0].Group);
                        builder.Fix(other.Group);
                    }
                }

                return inputs[0];
            case Reshape:
                var before = nodes[node.Inputs[0]].Shape;
                if (node.Shape.Length == 1)
                {
                    return inputs[0] with { Positions = inputs[0].Positions * (Layer.Size(before) / before[^1]) };
                }

                if (node.Shape[^1] == before[^1])
                {
                    return inputs[0];
                }

                break;
        }

        foreach (var input in inputs)
        {
            builder.Fix(input.Group);
        }

        return new Layout(builder.Add(node.Shape[^1], -1, isFixed: true), 1, 1);
    }

    /// <summary>Each channel's importance summed over the group's producers, each producer's scores divided by their mean so no layer dominates.</summary>
    private static double[] Scores(Network network, IReadOnlyList<int> producers, int channels, ChannelCriterion criterion)
    {
        var total = new double[channels];
        foreach (var producer in producers)
        {
            var scores = ProducerScores(network, producer, criterion);
            var mean = scores.Average();
            for (var c = 0; c < channels; c++)
            {
                total[c] += mean > 0 ? scores[c] / mean : scores[c];
            }
        }

        return total;
    }

    private static double[] ProducerScores(Network network, int producer, ChannelCriterion criterion)
    {
        if (criterion == ChannelCriterion.BatchNormGamma
            && network.Nodes.FirstOrDefault(n => n.Layer is BatchNorm && n.Inputs is [var only] && only == producer) is { Layer: BatchNorm norm })
        {
            return [.. norm.Gamma.Value.Select(g => (double)Math.Abs(g))];
        }

        var kernel = network.Nodes[producer].Layer switch
        {
            Conv2D conv => conv.Weights,
            Dense dense => dense.Weights,
            _ => throw new InvalidOperationException("only Conv2D and Dense layers produce channel groups"),
        };
        var channels = kernel.Shape[0];
        var rowLength = kernel.Length / channels;
        var scores = new double[channels];
        for (var c = 0; c < channels; c++)
        {
            foreach (var w in kernel.Value.AsSpan(c * rowLength, rowLength))
            {
                scores[c] += Math.Abs(w);
            }
        }

        return scores;
    }

    /// <summary>The <paramref name="keep"/> highest-scoring channels in ascending order (ties go to the lower index).</summary>
    private static int[] Strongest(double[] scores, int keep) =>
        [.. Enumerable.Range(0, scores.Length).OrderByDescending(c => scores[c]).ThenBy(c => c).Take(keep).Order()];

    /// <summary>
    /// How a node's last axis relates to its channel group: index i is group channel (i mod (G·m)) / m at position
    /// i / (G·m), for G group channels, <see cref="Multiplier"/> m and <see cref="Positions"/> repetitions.
    /// </summary>
    private readonly record struct Layout(int Group, int Positions, int Multiplier)
    {
        public int[] Expand(int[] kept, int groupChannels)
        {
            var indices = new int[Positions * kept.Length * Multiplier];
            var n = 0;
            for (var p = 0; p < Positions; p++)
            {
                foreach (var c in kept)
                {
                    for (var j = 0; j < Multiplier; j++)
                    {
                        indices[n++] = (p * groupChannels + c) * Multiplier + j;
                    }
                }
            }

            return indices;
        }
    }

    /// <summary>Channel groups with union–find: producers joined by Add share a root; a group is fixed when any member is.</summary>
    private sealed class GroupBuilder
    {
        private readonly List<int> _parent = [];
        private readonly List<int> _channels = [];
        private readonly List<bool> _fixed = [];
        private readonly List<int> _producer = [];

        public int Add(int channels, int producer, bool isFixed)
        {
            _parent.Add(_parent.Count);
            _channels.Add(channels);
            _fixed.Add(isFixed);
            _producer.Add(producer);
            return _parent.Count - 1;
        }

        public int Find(int group)
        {
            while (_parent[group] != group)
            {
                group = _parent[group];
            }

            return group;
        }

        public void Union(int a, int b)
        {
            (a, b) = (Find(a), Find(b));
            if (a != b)
            {
                _parent[Math.Max(a, b)] = Math.Min(a, b);
                _fixed[Math.Min(a, b)] |= _fixed[Math.Max(a, b)];
            }
        }

        public void Fix(int group) => _fixed[Find(group)] = true;

        public bool IsFixed(int root) => _fixed[root];

        public int Channels(int root) => _channels[root];

        /// <summary>Every root group with its producer nodes, in order of first appearance.</summary>
        public IEnumerable<(int Root, List<int> Producers)> Roots() =>
            Enumerable.Range(0, _parent.Count)
                .Where(g => _producer[g] >= 0)
                .GroupBy(Find)
                .Select(g => (g.Key, g.Select(m => _producer[m]).ToList()));
    }
}
