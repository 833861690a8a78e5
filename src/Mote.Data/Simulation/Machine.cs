namespace Mote.Data.Simulation;

/// <summary>
/// One simulated machine: a shaft on a rolling-element bearing, seen by a radial and an axial accelerometer (in g).
/// Healthy machines already show small 1×, 2× and 3× shaft components and a noisy structural resonance; machines
/// differ in speed, bearing, resonance and those baseline levels, so a detector must generalise across machines.
/// </summary>
public sealed record Machine(
    int Id,
    double ShaftHz,
    BearingGeometry Bearing,
    double ResonanceHz,
    double DampingRatio,
    double[] HarmonicAmplitudes,
    double AxialRatio,
    double StructuralNoise,
    double SensorNoise)
{
    /// <summary>A machine drawn from <paramref name="random"/>: 1200–1800 rpm, a catalogue bearing, a 2–4.5 kHz resonance.</summary>
    public static Machine Random(int id, SeededRandom random)
    {
        double Uniform(double low, double high) => low + ((high - low) * random.NextSingle());
        return new Machine(
            id,
            ShaftHz: Uniform(20, 30),
            Bearing: BearingGeometry.Catalogue[random.NextInt32(BearingGeometry.Catalogue.Count)],
            ResonanceHz: Uniform(2000, 4500),
            DampingRatio: Uniform(0.03, 0.07),
            HarmonicAmplitudes: [Uniform(0.04, 0.10), Uniform(0.01, 0.04), Uniform(0.005, 0.02)],
            AxialRatio: Uniform(0.2, 0.4),
            StructuralNoise: Uniform(0.01, 0.03),
            SensorNoise: Uniform(0.005, 0.01));
    }

    /// <summary>Impacts per shaft revolution of a bearing defect (the defect frequency as a multiple of shaft speed).</summary>
    public double ImpactsPerRevolution(MachineCondition condition) => condition switch
    {
        MachineCondition.OuterRace => Bearing.OuterRaceHz(1),
        MachineCondition.InnerRace => Bearing.InnerRaceHz(1),
        MachineCondition.Ball => 2 * Bearing.BallSpinHz(1),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), $"{condition} is not a bearing defect"),
    };
}
