namespace Mote.Graph;

/// <summary>
/// A TFLite builtin options table that Mote does not model (or that sets a field Mote's typed record lacks), kept
/// field by field so the operator survives a read → write round trip unchanged. <see cref="UnionType"/> is the
/// BuiltinOptions union type code; <see cref="Fields"/> holds one entry per schema field in field-id order: the
/// little-endian bytes of a scalar, the raw element bytes of a vector, or the UTF-8 bytes of a string, and empty
/// when the field is absent.
/// </summary>
public sealed record OpaqueOptions(int UnionType, ValueArray<ValueArray<byte>> Fields) : OperatorOptions;
