namespace Mote.Dsp;

/// <summary>
/// The two mel scales in common use.
/// <list type="bullet">
/// <item><see cref="Htk"/>: <c>mel = 2595 log10(1 + f / 700)</c> (HTK, librosa with htk=True; TFLM's
/// micro-speech front end and TensorFlow use the nearly identical <c>1127 ln(1 + f / 700)</c>).</item>
/// <item><see cref="Slaney"/>: linear below 1 kHz (<c>f / (200/3)</c>, so 1 kHz is 15 mel) and logarithmic above
/// with 27 steps per factor 6.4 (Auditory Toolbox; librosa's default).</item>
/// </list>
/// </summary>
public enum MelScale
{
    Htk,
    Slaney,
}

/// <summary>Conversions between hertz and mel on a <see cref="MelScale"/>.</summary>
public static class Mel
{
    private const double SlaneyLinearStep = 200.0 / 3;
    private const double SlaneyBreakHz = 1000.0;
    private const double SlaneyBreakMel = SlaneyBreakHz / SlaneyLinearStep;
    private static readonly double s_slaneyLogStep = Math.Log(6.4) / 27.0;

    public static double FromHz(double hz, MelScale scale) => scale switch
    {
        MelScale.Htk => 2595.0 * Math.Log10(1.0 + (hz / 700.0)),
        _ => hz < SlaneyBreakHz ? hz / SlaneyLinearStep : SlaneyBreakMel + (Math.Log(hz / SlaneyBreakHz) / s_slaneyLogStep),
    };

    public static double ToHz(double mel, MelScale scale) => scale switch
    {
        MelScale.Htk => 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0),
        _ => mel < SlaneyBreakMel ? mel * SlaneyLinearStep : SlaneyBreakHz * Math.Exp(s_slaneyLogStep * (mel - SlaneyBreakMel)),
    };
}
