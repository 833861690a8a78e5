namespace Mote.Dsp.Tests.Spectral;

public sealed class MelTests
{
    [Theory]
    [InlineData(MelScale.Htk)]
    [InlineData(MelScale.Slaney)]
    public void Conversions_agree_with_the_reference_and_round_trip(MelScale scale)
    {
        foreach (double hz in new[] { 0.0, 125, 700, 999, 1000, 1001, 4000, 8000 })
        {
            double mel = Mel.FromHz(hz, scale);
            Assert.Equal(Float64Reference.HzToMel(hz, scale), mel, 1e-9);
            Assert.Equal(hz, Mel.ToHz(mel, scale), 1e-7);
        }
    }

    [Fact]
    public void Known_points()
    {
        Assert.Equal(1000.0, Mel.FromHz(1000, MelScale.Htk), 0.02); // HTK's scale is anchored at 1000 Hz ≈ 1000 mel
        Assert.Equal(15.0, Mel.FromHz(1000, MelScale.Slaney), 1e-12);
        Assert.Equal(3.0, Mel.FromHz(200, MelScale.Slaney), 1e-12);
    }

    [Theory]
    [InlineData(MelScale.Htk, false)]
    [InlineData(MelScale.Slaney, true)]
    public void Filter_weights_match_the_reference(MelScale scale, bool normalize)
    {
        var bank = new MelFilterBank(16000, 512, 40, 20, 7600, scale, normalize);
        double[,] expected = Float64Reference.MelWeights(16000, 512, 40, 20, 7600, scale, normalize);

        for (int m = 0; m < 40; m++)
        {
            for (int k = 0; k < bank.BinCount; k++)
            {
                Assert.Equal(expected[m, k], bank.Weight(m, k), 1e-6);
            }
        }
    }

    [Fact]
    public void Slaney_normalized_filters_have_unit_area_in_hz()
    {
        var bank = new MelFilterBank(16000, 4096, 20, 0, 8000, MelScale.Slaney, slaneyNormalize: true);
        double hzPerBin = 16000.0 / 4096;

        for (int m = 0; m < bank.MelCount; m++)
        {
            double area = Enumerable.Range(0, bank.BinCount).Sum(k => bank.Weight(m, k)) * hzPerBin;
            Assert.Equal(1.0, area, 0.02);
        }
    }
}
