namespace Mote.Graph;

/// <summary>
/// A tensor of a subgraph. Constant tensors (weights, biases, shape operands) carry their bytes in <see cref="Data"/>,
/// little-endian as in TFLite; activations have no data. Variable tensors (LSTM/SVDF state) persist between inferences.
/// </summary>
public sealed record Tensor(string Name, DataType Type, Shape Shape)
{
    public ValueArray<byte>? Data { get; init; }

    public QuantizationParameters? Quantization { get; init; }

    public bool IsVariable { get; init; }

    /// <summary>The shape with -1 for dimensions that vary at run time (TFLite's shape_signature), when the model gives one.</summary>
    public Shape? ShapeSignature { get; init; }

    public bool IsConstant => Data is not null;

    /// <summary>Bytes the tensor occupies: element count × element size (0 when unknown or absurdly large).</summary>
    public long ByteSize
    {
        get
        {
            var count = Shape.ElementCount;
            return count < 0 || count > long.MaxValue / 16 ? 0 : count * Type.ElementSize();
        }
    }
}
