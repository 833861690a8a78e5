namespace Mote.Graph;

/// <summary>
/// One node of a subgraph. Inputs and outputs are indices into <see cref="Subgraph.Tensors"/>; -1 marks an
/// optional input that is absent (as in TFLite). <see cref="Version"/> is the TFLite operator version.
/// </summary>
public sealed record Operator(OpType Type, ValueArray<int> Inputs, ValueArray<int> Outputs)
{
    public OperatorOptions Options { get; init; } = NoOptions.Instance;

    /// <summary>
    /// The TFLite operator version; 0 (the default) means unset, and the TFLite writer then picks the version the
    /// TFLite converter would for the types and options used. A model read from a file keeps the file's versions.
    /// </summary>
    public int Version { get; init; }

    /// <summary>The custom operator's name when <see cref="Type"/> is <see cref="OpType.Custom"/>.</summary>
    public string? CustomCode { get; init; }

    /// <summary>Opaque option bytes of a custom operator (often a FlexBuffer).</summary>
    public ValueArray<byte> CustomOptions { get; init; }

    /// <summary>Scratch tensors some quantized operators (LSTM) name for their intermediate scales.</summary>
    public ValueArray<int> Intermediates { get; init; }

    /// <summary>Display name: CONV_2D, or CUSTOM:SignalWindow for custom operators.</summary>
    public string DisplayName => Type == OpType.Custom ? $"CUSTOM:{CustomCode}" : Type.TfLiteName();
}
