using Mote.Train;
using Mote.Train.Layers;

namespace Mote.Compress.Pruning;

/// <summary>
/// Structured pruning: rebuilds a network with the channels a <see cref="ChannelPlan"/> removes taken out, so every
/// later layer really is smaller. Each layer is copied with its settings and its weights gathered along the pruned
/// axes: a kernel's output rows by its own kept channels and its input columns by its input's, depthwise kernels,
/// biases and BatchNorm vectors by their channels. Before any fine-tuning the result computes exactly what the original
/// computes once the removed channels are masked out of their consumers.
/// </summary>
public static class ChannelPruner
{
    public static Network Prune(Network network, ChannelPlan plan)
    {
        var nodes = network.Nodes;
        var builder = new NetworkBuilder(network.InputShape, seed: 0);
        var refs = new NodeRef[nodes.Count];
        refs[0] = builder.Input;
        for (var i = 1; i < nodes.Count; i++)
        {
            refs[i] = builder.Apply(Resized(nodes[i].Layer!, plan.Kept(i)), [.. nodes[i].Inputs.Select(j => refs[j])]);
        }

        var pruned = builder.Build(refs[^1]);
        for (var i = 1; i < nodes.Count; i++)
        {
            var outputKept = plan.Kept(i);
            var inputKept = plan.Kept(nodes[i].Inputs[0]);
            var source = nodes[i].Layer!.Parameters;
            var target = pruned.Nodes[i].Layer!.Parameters;
            for (var p = 0; p < source.Count; p++)
            {
                var values = source[p].Shape.Length > 1 && nodes[i].Layer is Conv2D or Dense
                    ? Gather(Gather(source[p].Value, source[p].Shape, 0, outputKept), Narrowed(source[p].Shape, 0, outputKept), source[p].Shape.Length - 1, inputKept)
                    : Gather(source[p].Value, source[p].Shape, source[p].Shape.Length - 1, outputKept);
                values.CopyTo(target[p].Value, 0);
            }
        }

        return pruned;
    }

    /// <summary>A fresh copy of <paramref name="layer"/> whose output has the kept channels (the same settings otherwise).</summary>
    private static Layer Resized(Layer layer, int[]? kept) => layer switch
    {
        Conv1D c => new Conv1D(c.Name, kept?.Length ?? c.Filters, c.KernelW, c.StrideW, c.Padding, c.DilationW, c.UseBias),
        Conv2D c => new Conv2D(c.Name, kept?.Length ?? c.Filters, c.KernelH, c.KernelW, c.StrideH, c.StrideW, c.Padding, c.DilationH, c.DilationW, c.UseBias),
        Dense d => new Dense(d.Name, kept?.Length ?? d.Units, d.UseBias),
        DepthwiseConv2D d => new DepthwiseConv2D(d.Name, d.KernelH, d.KernelW, d.StrideH, d.StrideW, d.Padding, d.Multiplier, d.DilationH, d.DilationW, d.UseBias),
        BatchNorm n => new BatchNorm(n.Name, n.Momentum, n.Epsilon),
        ReLU r => new ReLU(r.Name),
        ReLU6 r => new ReLU6(r.Name),
        LeakyReLU r => new LeakyReLU(r.Name, r.Alpha),
        Tanh t => new Tanh(t.Name),
        Sigmoid s => new Sigmoid(s.Name),
        Softmax s => new Softmax(s.Name),
        Dropout d => new Dropout(d.Name, d.Rate),
        MaxPool2D p => new MaxPool2D(p.Name, p.PoolH, p.PoolW, p.StrideH, p.StrideW, p.Padding),
        AveragePool2D p => new AveragePool2D(p.Name, p.PoolH, p.PoolW, p.StrideH, p.StrideW, p.Padding),
        GlobalAveragePool g => new GlobalAveragePool(g.Name),
        Reshape r when kept is null => new Reshape(r.Name, r.TargetShape),
        Reshape r => new Reshape(r.Name, r.TargetShape.Length <= 1 ? [] : [.. r.TargetShape[..^1], kept.Length]),
        Add a => new Add(a.Name),
        Concatenate c => new Concatenate(c.Name),
        _ => throw new NotSupportedException($"{layer.Name}: channel pruning cannot copy a {layer.GetType().Name} layer"),
    };

    /// <summary>The values of a row-major array of <paramref name="shape"/> at the <paramref name="kept"/> indices of <paramref name="axis"/> (all when null).</summary>
    private static float[] Gather(float[] values, int[] shape, int axis, int[]? kept)
    {
        if (kept is null)
        {
            return values;
        }

        var inner = shape.Skip(axis + 1).Aggregate(1, (a, b) => a * b);
        var outer = values.Length / (shape[axis] * inner);
        var result = new float[outer * kept.Length * inner];
        var n = 0;
        for (var o = 0; o < outer; o++)
        {
            foreach (var k in kept)
            {
                values.AsSpan((o * shape[axis] + k) * inner, inner).CopyTo(result.AsSpan(n));
                n += inner;
            }
        }

        return result;
    }

    private static int[] Narrowed(int[] shape, int axis, int[]? kept)
    {
        var narrowed = (int[])shape.Clone();
        narrowed[axis] = kept?.Length ?? shape[axis];
        return narrowed;
    }
}
