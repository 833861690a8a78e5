using Mote.Data.Simulation;
using Mote.Dsp;
using Mote.Dsp.Vibration;

namespace Mote.Data.Tests.Simulation;

/// <summary>The simulator's physics seen through independent spectral analysis of its output.</summary>
public sealed class VibrationSimulatorTests
{
    private const int SampleRate = 12_800;
    private const int Samples = 8192;
    private const double BinHz = (double)SampleRate / Samples;

    private static readonly Machine s_machine = new(
        0,
        ShaftHz: 25,
        Bearing: BearingGeometry.Catalogue.Single(b => b.Name == "6205"),
        ResonanceHz: 3000,
        DampingRatio: 0.05,
        HarmonicAmplitudes: [0.06, 0.02, 0.01],
        AxialRatio: 0.3,
        StructuralNoise: 0.02,
        SensorNoise: 0.005);

    private static readonly VibrationSimulator s_simulator = new(SampleRate, Samples);

    [Theory]
    [InlineData(MachineCondition.OuterRace)]
    [InlineData(MachineCondition.InnerRace)]
    [InlineData(MachineCondition.Ball)]
    public void A_bearing_defect_puts_the_envelope_spectrum_peak_at_its_defect_frequency(MachineCondition condition)
    {
        var window = Simulate(condition, severity: 0.5);
        var expectedHz = condition switch
        {
            MachineCondition.OuterRace => s_machine.Bearing.OuterRaceHz(window.ShaftHz),
            MachineCondition.InnerRace => s_machine.Bearing.InnerRaceHz(window.ShaftHz),
            _ => 2 * s_machine.Bearing.BallSpinHz(window.ShaftHz),
        };

        var envelope = EnvelopeSpectrum.Compute(HighPassed(window.Radial));
        var peakHz = PeakHz(envelope, lowHz: 50, highHz: 300);

        Assert.InRange(peakHz, expectedHz - (1.5 * BinHz), expectedHz + (1.5 * BinHz));
        Assert.True(VibrationFeatures.Kurtosis(window.Radial) > 2 * VibrationFeatures.Kurtosis(Simulate(MachineCondition.Healthy, 0).Radial));
    }

    [Fact]
    public void An_inner_race_defect_is_modulated_by_the_shaft_and_a_ball_defect_by_the_cage()
    {
        var inner = EnvelopeSpectrum.Compute(HighPassed(Simulate(MachineCondition.InnerRace, 0.5).Radial));
        var outer = EnvelopeSpectrum.Compute(HighPassed(Simulate(MachineCondition.OuterRace, 0.5).Radial));
        var ballWindow = Simulate(MachineCondition.Ball, 0.5);
        var ball = EnvelopeSpectrum.Compute(HighPassed(ballWindow.Radial));

        // Inner race: a line at 1× shaft speed in the envelope; the stationary outer race has none.
        Assert.True(Near(inner, 25) > 5 * Near(outer, 25));

        // Ball: alternate races strike with different strength, so the spin frequency itself shows.
        var spinHz = s_machine.Bearing.BallSpinHz(ballWindow.ShaftHz);
        Assert.True(Near(ball, spinHz) > 3 * Near(outer, spinHz));
    }

    [Fact]
    public void Imbalance_raises_the_radial_line_at_one_times_shaft_speed()
    {
        var healthy = Simulate(MachineCondition.Healthy, 0);
        var imbalance = Simulate(MachineCondition.Imbalance, 1);
        var spectrum = Amplitudes(imbalance.Radial);

        Assert.InRange(PeakHz(spectrum, 5, SampleRate / 2), imbalance.ShaftHz - BinHz, imbalance.ShaftHz + BinHz);
        Assert.True(Near(spectrum, imbalance.ShaftHz) > 3 * Near(Amplitudes(healthy.Radial), healthy.ShaftHz));
    }

    [Fact]
    public void Misalignment_shows_at_two_times_shaft_speed_in_the_axial_direction()
    {
        var healthy = Amplitudes(Simulate(MachineCondition.Healthy, 0).Axial);
        var window = Simulate(MachineCondition.Misalignment, 1);
        var axial = Amplitudes(window.Axial);

        Assert.InRange(PeakHz(axial, 5, SampleRate / 2), (2 * window.ShaftHz) - BinHz, (2 * window.ShaftHz) + BinHz);
        Assert.True(Near(axial, 2 * window.ShaftHz) > 10 * Near(healthy, 2 * window.ShaftHz));
        Assert.True(Near(axial, 2 * window.ShaftHz) > Near(Amplitudes(window.Radial), window.ShaftHz));
    }

    [Fact]
    public void Looseness_adds_many_harmonics_and_half_order_subharmonics()
    {
        var healthy = Amplitudes(Simulate(MachineCondition.Healthy, 0).Radial);
        var window = Simulate(MachineCondition.Looseness, 1);
        var loose = Amplitudes(window.Radial);

        foreach (var order in new[] { 0.5, 1.5, 2.5, 4, 5, 6, 7 })
        {
            Assert.True(Near(loose, order * window.ShaftHz) > 5 * Near(healthy, order * window.ShaftHz), $"order {order}");
        }
    }

    [Fact]
    public void The_same_generator_state_gives_the_same_window_and_another_seed_another()
    {
        var first = s_simulator.Simulate(s_machine, MachineCondition.InnerRace, 0.3, new SeededRandom(7));
        var again = s_simulator.Simulate(s_machine, MachineCondition.InnerRace, 0.3, new SeededRandom(7));
        var other = s_simulator.Simulate(s_machine, MachineCondition.InnerRace, 0.3, new SeededRandom(8));

        Assert.Equal(first.Radial, again.Radial);
        Assert.Equal(first.Axial, again.Axial);
        Assert.NotEqual(first.Radial, other.Radial);
    }

    [Fact]
    public void Shaft_speed_varies_between_windows_within_two_percent()
    {
        var speeds = Enumerable.Range(0, 20).Select(seed => s_simulator.Simulate(s_machine, MachineCondition.Healthy, 0, new SeededRandom((ulong)seed)).ShaftHz).ToArray();

        Assert.All(speeds, hz => Assert.InRange(hz, 25 * 0.975, 25 * 1.025));
        Assert.True(speeds.Max() - speeds.Min() > 0.1);
    }

    private static VibrationWindow Simulate(MachineCondition condition, double severity) =>
        s_simulator.Simulate(s_machine, condition, severity, new SeededRandom(42));

    /// <summary>Second difference: suppresses the shaft orders so the envelope follows the resonance.</summary>
    private static float[] HighPassed(float[] x)
    {
        var y = new float[x.Length];
        for (int i = 2; i < x.Length; i++)
        {
            y[i] = x[i] - (2 * x[i - 1]) + x[i - 2];
        }

        return y;
    }

    /// <summary>One-sided amplitude spectrum with a Hann window (amplitude-corrected), bin k at k·fs/N.</summary>
    private static double[] Amplitudes(float[] signal)
    {
        var windowed = new float[signal.Length];
        for (int i = 0; i < signal.Length; i++)
        {
            windowed[i] = signal[i] * (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * i / signal.Length)));
        }

        var fft = new RealFft(signal.Length);
        var re = new float[fft.BinCount];
        var im = new float[fft.BinCount];
        fft.Forward(windowed, re, im);
        return [.. re.Select((r, k) => 4.0 / signal.Length * Math.Sqrt((r * (double)r) + (im[k] * (double)im[k])))];
    }

    private static double PeakHz(double[] spectrum, double lowHz, double highHz)
    {
        int best = -1;
        for (int k = (int)Math.Ceiling(lowHz / BinHz); k < spectrum.Length && k * BinHz <= highHz; k++)
        {
            best = best < 0 || spectrum[k] > spectrum[best] ? k : best;
        }

        return best * BinHz;
    }

    /// <summary>The largest amplitude within ±2 bins of <paramref name="hz"/> (speed wobble spreads a line a little).</summary>
    private static double Near(double[] spectrum, double hz)
    {
        int centre = (int)Math.Round(hz / BinHz);
        return Enumerable.Range(centre - 2, 5).Where(k => k >= 0 && k < spectrum.Length).Max(k => spectrum[k]);
    }
}
