namespace Mote.Graph;

/// <summary>
/// A whole model: subgraphs (the first is the entry point), named metadata blobs and signatures, as in a
/// TFLite file. This is the meeting point of the reader, the trainer, the interpreter and the code generator.
/// </summary>
public sealed record Model(ValueArray<Subgraph> Subgraphs)
{
    /// <summary>TFLite schema version; Mote writes 3.</summary>
    public int Version { get; init; } = 3;

    public string Description { get; init; } = "";

    public ValueArray<MetadataEntry> Metadata { get; init; }

    public ValueArray<SignatureDef> Signatures { get; init; }

    public Subgraph Main => Subgraphs[0];
}

/// <summary>A named metadata blob (TFLite keeps e.g. min_runtime_version and CONVERSION_METADATA here).</summary>
public sealed record MetadataEntry(string Name, ValueArray<byte> Data);

/// <summary>A signature: named inputs and outputs of one subgraph.</summary>
public sealed record SignatureDef(string Key, int SubgraphIndex, ValueArray<SignatureTensor> Inputs, ValueArray<SignatureTensor> Outputs);

/// <summary>A signature's name for one tensor of its subgraph.</summary>
public sealed record SignatureTensor(string Name, int TensorIndex);
