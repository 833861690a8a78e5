namespace Mote.Compress.Quantization;

/// <summary>
/// How far one int8 tensor, dequantized, is from the float model's tensor on the same inputs (errors accumulated from
/// earlier layers included). SQNR = 10·log10(Σ float² / Σ (float − int8)²) in dB: higher is better, each bit ≈ 6 dB.
/// <see cref="OwnSqnrDb"/> counts only the error this layer adds: with noise-to-signal ratios N = 10^(−SQNR/10), it is
/// −10·log10(N_out − N_in), N_in the worst measured input's; a layer that adds nothing scores +∞, one with exact inputs
/// scores its SQNR. <see cref="ClippedFraction"/> is the share of float values outside the int8 grid's range.
/// </summary>
public sealed record LayerError(
    int Operator,
    string OperatorType,
    string Tensor,
    double SqnrDb,
    double OwnSqnrDb,
    double MaxAbsError,
    float Scale,
    int ZeroPoint,
    double ClippedFraction);
