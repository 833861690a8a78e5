using System.Numerics.Tensors;

namespace Mote.Train;

/// <summary>
/// A directed acyclic graph of layers in execution order (each node only reads earlier ones), with one activation
/// and one gradient buffer per node. Backward walks the nodes in reverse; a node read by several others (residual
/// Add, Concatenate) gathers their gradient contributions in reverse node order, which is fixed.
/// </summary>
public sealed class Network
{
    private float[][] _values = [];
    private float[][] _gradients = [];
    private int _capacity;

    internal Network(IReadOnlyList<Node> nodes)
    {
        Nodes = nodes;
        Parameters = [.. nodes.SelectMany(n => n.Layer?.Parameters ?? [])];
    }

    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>Every parameter (trainable or not) in node order; checkpoints and optimizers index them this way.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    public int[] InputShape => Nodes[0].Shape;

    public int[] OutputShape => Nodes[^1].Shape;

    public int InputSize => Nodes[0].Size;

    public int OutputSize => Nodes[^1].Size;

    /// <summary>Runs the graph on <c>context.Batch</c> items of <paramref name="input"/>; the returned buffer holds the outputs first.</summary>
    public float[] Forward(float[] input, LayerContext context)
    {
        if (input.Length < context.Batch * InputSize)
        {
            throw new ArgumentException($"input holds {input.Length} values, {context.Batch} items need {context.Batch * InputSize}", nameof(input));
        }

        EnsureCapacity(context.Batch);
        _values[0] = input;
        for (var i = 1; i < Nodes.Count; i++)
        {
            var node = Nodes[i];
            node.Layer!.Forward(context, Gather(_values, node), _values[i]);
        }

        return _values[^1];
    }

    /// <summary>
    /// Adds parameter gradients for the last <see cref="Forward"/> given d(loss)/d(output); returns d(loss)/d(input)
    /// when <paramref name="inputGradient"/> is set (tests and saliency), otherwise null.
    /// </summary>
    public float[]? Backward(float[] outputGradient, LayerContext context, bool inputGradient = false)
    {
        var batch = context.Batch;
        for (var i = 0; i < Nodes.Count - 1; i++)
        {
            _gradients[i].AsSpan(0, batch * Nodes[i].Size).Clear();
        }

        outputGradient.AsSpan(0, batch * OutputSize).CopyTo(_gradients[^1]);
        for (var i = Nodes.Count - 1; i > 0; i--)
        {
            var node = Nodes[i];
            var inputGradients = node.Inputs.Select(j => j == 0 && !inputGradient ? null : _gradients[j]).ToArray();
            node.Layer!.Backward(context, Gather(_values, node), _values[i], _gradients[i], inputGradients);
        }

        return inputGradient ? _gradients[0] : null;
    }

    /// <summary>Sets every trainable parameter's gradient to zero, ready for the next batch.</summary>
    public void ZeroGradients()
    {
        foreach (var parameter in Parameters)
        {
            parameter.Gradient.AsSpan().Clear();
        }
    }

    /// <summary>The global L2 norm of all trainable gradients, accumulated in parameter order.</summary>
    public double GradientNorm()
    {
        var sum = 0.0;
        foreach (var parameter in Parameters)
        {
            sum += TensorPrimitives.Dot<float>(parameter.Gradient, parameter.Gradient);
        }

        return Math.Sqrt(sum);
    }

    private static float[][] Gather(float[][] buffers, Node node) => [.. node.Inputs.Select(j => buffers[j])];

    private void EnsureCapacity(int batch)
    {
        if (batch <= _capacity)
        {
            return;
        }

        _capacity = batch;
        _values = [.. Nodes.Select(n => new float[batch * n.Size])];
        _gradients = [.. Nodes.Select(n => new float[batch * n.Size])];
    }
}
