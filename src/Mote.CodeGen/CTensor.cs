using Mote.Graph;

namespace Mote.CodeGen;

/// <summary>An input or output of the generated entry point: its C parameter name, element type and byte size.</summary>
public sealed record CTensor(string Parameter, DataType Type, long ByteSize)
{
    public string CType => CTypes.Name(Type);

    public long ElementCount => ByteSize / Type.ElementSize();
}
