namespace Mote.Dsp;

/// <summary>Which analysis window a <see cref="LogMelFrontEnd"/> uses.</summary>
public enum WindowKind
{
    Hann,
    Hamming,
}

/// <summary>
/// A float feature front end as a value that can be stored with a model: frames of <see cref="WindowLength"/>
/// samples every <see cref="Stride"/> samples, a periodic window, zero padding to <see cref="FftLength"/>, the power
/// spectrum, <see cref="MelCount"/> mel bands and a natural log; <see cref="MfccCount"/> &gt; 0 adds an orthonormal
/// DCT-II. The methods build the plans on each call; hold a <see cref="MelFilterBank"/>, <see cref="RealFft"/> and
/// <see cref="Dct2"/> directly for streaming.
/// </summary>
public sealed record LogMelFrontEnd
{
    public int SampleRate { get; init; } = 16000;

    public int WindowLength { get; init; } = 480;

    public int Stride { get; init; } = 320;

    public int FftLength { get; init; } = 512;

    public WindowKind Window { get; init; } = WindowKind.Hann;

    public int MelCount { get; init; } = 40;

    public double MinHz { get; init; } = 20;

    public double MaxHz { get; init; } = 7600;

    public MelScale Scale { get; init; } = MelScale.Htk;

    public bool SlaneyNormalize { get; init; }

    public float LogFloor { get; init; } = LogMel.DefaultFloor;

    /// <summary>Number of cepstral coefficients; 0 means log-mel output.</summary>
    public int MfccCount { get; init; }

    /// <summary>Values per frame: <see cref="MfccCount"/> when set, otherwise <see cref="MelCount"/>.</summary>
    public int FeatureCount => MfccCount > 0 ? MfccCount : MelCount;

    public int FrameCount(int sampleCount) =>
        sampleCount < WindowLength ? 0 : ((sampleCount - WindowLength) / Stride) + 1;

    /// <summary>Features of every whole frame, row-major [frame][<see cref="FeatureCount"/>].</summary>
    public float[] Compute(ReadOnlySpan<float> audio)
    {
        if (WindowLength > FftLength)
        {
            throw new InvalidOperationException("The window must not be longer than the FFT.");
        }

        float[] window = Window == WindowKind.Hann ? Dsp.Window.Hann(WindowLength) : Dsp.Window.Hamming(WindowLength);
        var fft = new RealFft(FftLength);
        var bank = new MelFilterBank(SampleRate, FftLength, MelCount, MinHz, MaxHz, Scale, SlaneyNormalize);
        Dct2? dct = MfccCount > 0 ? new Dct2(MelCount, MfccCount) : null;

        int frames = FrameCount(audio.Length);
        var features = new float[frames * FeatureCount];
        var frame = new float[FftLength];
        var power = new float[fft.BinCount];
        var mel = new float[MelCount];
        for (int i = 0; i < frames; i++)
        {
            Dsp.Window.Apply(audio.Slice(i * Stride, WindowLength), window, frame);
            fft.Power(frame, power);
            bank.Apply(power, mel);
            LogMel.Apply(mel, mel, LogFloor);
            Span<float> row = features.AsSpan(i * FeatureCount, FeatureCount);
            if (dct is null)
            {
                mel.CopyTo(row);
            }
            else
            {
                dct.Apply(mel, row);
            }
        }

        return features;
    }
}
