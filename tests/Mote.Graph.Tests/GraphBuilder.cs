using Mote.Graph;

namespace Mote.Graph.Tests;

/// <summary>Builds small subgraphs for tests: tensors are added in order and referred to by index.</summary>
internal sealed class GraphBuilder
{
    private readonly List<Tensor> _tensors = [];
    private readonly List<Operator> _operators = [];

    public int Activation(DataType type, params int[] shape)
    {
        _tensors.Add(new Tensor($"t{_tensors.Count}", type, Shape.Of(shape)));
        return _tensors.Count - 1;
    }

    public int Constant(DataType type, int[] shape, byte[]? data = null)
    {
        var bytes = data ?? new byte[Shape.Of(shape).ElementCount * type.ElementSize()];
        _tensors.Add(new Tensor($"t{_tensors.Count}", type, Shape.Of(shape)) { Data = bytes });
        return _tensors.Count - 1;
    }

    public int Int32s(params int[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return Constant(DataType.Int32, [values.Length], bytes);
    }

    public void Op(OpType type, int[] inputs, int[] outputs, OperatorOptions? options = null) =>
        _operators.Add(new Operator(type, inputs, outputs) { Options = options ?? NoOptions.Instance });

    public Subgraph Build(int[] inputs, int[] outputs) => new([.. _tensors], [.. _operators], inputs, outputs);
}
