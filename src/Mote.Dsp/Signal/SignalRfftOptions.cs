namespace Mote.Dsp.Signal;

/// <summary>
/// Options of TFLM's <c>SignalRfft</c> custom operator: FlexBuffer keys <c>T</c> (the TFLite tensor type; 7 = int16)
/// and <c>fft_length</c>. The int16 variant runs <see cref="Int16Rfft"/>; inputs shorter than the FFT are
/// zero-padded.
/// </summary>
public sealed record SignalRfftOptions(int FftLength);
