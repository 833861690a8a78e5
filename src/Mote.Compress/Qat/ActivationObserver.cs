using Mote.Compress.Quantization;
using Mote.Graph;

namespace Mote.Compress.Qat;

/// <summary>
/// The range one group of activation tensors is quantized with during quantization-aware training: an exponential
/// moving average of each training batch's min and max (decay <see cref="Decay"/>), started from calibration, or a
/// quantization fixed by the int8 specification (SOFTMAX, LOGISTIC, TANH outputs) that never moves.
/// </summary>
public sealed class ActivationObserver
{
    public ActivationObserver(TensorRange initial, float decay, QuantizationParameters? fixedParameters = null)
    {
        Range = initial;
        Decay = decay;
        Fixed = fixedParameters;
    }

    public TensorRange Range { get; private set; }

    public float Decay { get; }

    public QuantizationParameters? Fixed { get; }

    /// <summary>The int8 parameters PTQ will give this range (<see cref="Int8Quantization.Activation"/>), or the fixed ones.</summary>
    public QuantizationParameters Parameters => Fixed ?? Int8Quantization.Activation(Range);

    public void Update(TensorRange batch)
    {
        if (Fixed is not null || batch.IsEmpty)
        {
            return;
        }

        Range = Range.IsEmpty
            ? batch
            : new TensorRange(Decay * Range.Min + (1 - Decay) * batch.Min, Decay * Range.Max + (1 - Decay) * batch.Max);
    }
}
