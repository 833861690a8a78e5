using Mote.Graph;

namespace Mote.Analysis.Tests;

/// <summary>Builds small subgraphs by hand for tests: add tensors, add operators, then <see cref="Build"/>.</summary>
internal sealed class GraphBuilder
{
    private readonly List<Tensor> _tensors = [];
    private readonly List<Operator> _operators = [];

    public int Activation(DataType type, params int[] shape)
    {
        _tensors.Add(new Tensor($"t{_tensors.Count}", type, Shape.Of(shape)));
        return _tensors.Count - 1;
    }

    public int Constant(DataType type, params int[] shape)
    {
        var tensor = new Tensor($"c{_tensors.Count}", type, Shape.Of(shape));
        _tensors.Add(tensor with { Data = new byte[tensor.ByteSize] });
        return _tensors.Count - 1;
    }

    public int Variable(DataType type, params int[] shape)
    {
        _tensors.Add(new Tensor($"v{_tensors.Count}", type, Shape.Of(shape)) { IsVariable = true });
        return _tensors.Count - 1;
    }

    public void Quantize(int tensor, QuantizationParameters quantization) =>
        _tensors[tensor] = _tensors[tensor] with { Quantization = quantization };

    public GraphBuilder Op(OpType type, int[] inputs, params int[] outputs) => Op(new Operator(type, inputs, outputs));

    public GraphBuilder Op(Operator op)
    {
        _operators.Add(op);
        return this;
    }

    public Subgraph Build(int[] inputs, int[] outputs) => new([.. _tensors], [.. _operators], inputs, outputs);
}
