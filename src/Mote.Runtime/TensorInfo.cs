using Mote.Graph;

namespace Mote.Runtime;

/// <summary>An input or output of an interpreter: what bytes <see cref="Interpreter.SetInput"/> expects or <see cref="Interpreter.GetOutput"/> returns.</summary>
public sealed record TensorInfo(string Name, DataType Type, Shape Shape, QuantizationParameters? Quantization)
{
    public long ByteSize => Shape.ElementCount * Type.ElementSize();
}
