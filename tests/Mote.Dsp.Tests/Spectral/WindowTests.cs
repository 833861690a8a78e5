namespace Mote.Dsp.Tests.Spectral;

public sealed class WindowTests
{
    [Fact]
    public void Periodic_hann_starts_at_zero_and_peaks_at_the_middle()
    {
        float[] w = Window.Hann(8);

        Assert.Equal(0, w[0], 1e-7);
        Assert.Equal(1, w[4], 1e-7);
        Assert.Equal(0.5, w[2], 1e-7);
        Assert.Equal(w[1], w[7], 1e-7); // periodic: symmetric about N/2
    }

    [Fact]
    public void Symmetric_hann_ends_at_zero()
    {
        float[] w = Window.Hann(9, periodic: false);

        Assert.Equal(0, w[0], 1e-7);
        Assert.Equal(0, w[8], 1e-7);
        Assert.Equal(1, w[4], 1e-7);
    }

    [Fact]
    public void Hamming_has_its_pedestal()
    {
        float[] w = Window.Hamming(16);

        Assert.Equal(0.08, w[0], 1e-7);
        Assert.Equal(1.0, w[8], 1e-7);
    }

    [Fact]
    public void Periodic_hann_frames_at_half_overlap_sum_to_one()
    {
        float[] w = Window.Hann(64);

        for (int i = 0; i < 32; i++)
        {
            Assert.Equal(1.0, w[i] + w[i + 32], 1e-6);
        }
    }
}
