namespace Mote.CodeGen.Toolchain;

/// <summary>A sized symbol of a linked image as nm lists it: address, size in bytes, nm's type letter and name.</summary>
public sealed record ImageSymbol(ulong Address, long Size, char Type, string Name)
{
    /// <summary>Code: a global, local or weak symbol in the text section.</summary>
    public bool IsCode => Type is 'T' or 't' or 'W' or 'w';
}
