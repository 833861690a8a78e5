using Mote.Graph;

namespace Mote.Compress.Quantization;

/// <summary>
/// How <see cref="PostTrainingQuantizer"/> quantizes. <see cref="FloatIo"/> keeps float32 model inputs and outputs
/// behind QUANTIZE/DEQUANTIZE operators. FULLY_CONNECTED weights are per tensor by default, as the TFLite converter
/// writes them and every TFLM version runs them; <see cref="PerChannelFullyConnected"/> needs a recent TFLM.
/// </summary>
public sealed record QuantizationOptions(bool FloatIo = false, bool PerChannelFullyConnected = false)
{
    /// <summary>Whether a weighted operator's weights get one scale per output channel.</summary>
    public bool PerChannel(OpType type) => type != OpType.FullyConnected || PerChannelFullyConnected;
}
