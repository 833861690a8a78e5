namespace Mote.Compress.Quantization;

/// <summary>
/// What <see cref="QuantizationDebugger"/> found: per layer errors, worst first (lowest <see cref="LayerError.OwnSqnrDb"/>), and how often the int8
/// model's top-1 class agreed with the float model's over <see cref="Samples"/> inputs.
/// </summary>
public sealed record QuantizationReport(IReadOnlyList<LayerError> Layers, double Top1Agreement, double OutputSqnrDb, int Samples);
