namespace Mote.Train.Export;

/// <summary>
/// How <see cref="ModelExporter"/> turns a network into a graph. <see cref="FoldBatchNorm"/> merges BatchNorm into the
/// preceding convolution or dense weights (otherwise it becomes MUL + ADD); <see cref="AppendSoftmax"/> turns the
/// logits a classifier is trained on into probabilities.
/// </summary>
public sealed record ExportOptions(bool FoldBatchNorm = true, bool AppendSoftmax = false);
