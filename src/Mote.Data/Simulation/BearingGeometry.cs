namespace Mote.Data.Simulation;

/// <summary>
/// A rolling-element bearing's geometry and the textbook defect frequencies it implies. With n rolling elements of
/// diameter d on pitch diameter D at contact angle α, and shaft rate f (inner race turning, outer race fixed):
/// <list type="bullet">
/// <item>cage (FTF) = f/2 · (1 − d/D·cos α)</item>
/// <item>outer race (BPFO) = n·f/2 · (1 − d/D·cos α): a spall on the outer race is struck by every element</item>
/// <item>inner race (BPFI) = n·f/2 · (1 + d/D·cos α)</item>
/// <item>ball spin (BSF) = D/(2d) · f · (1 − (d/D·cos α)²): a spalled ball strikes both races once per spin, so its
/// impacts come at 2·BSF</item>
/// </list>
/// </summary>
public sealed record BearingGeometry(string Name, int Balls, double BallDiameterMm, double PitchDiameterMm, double ContactAngleDegrees)
{
    /// <summary>
    /// Deep-groove and angular-contact geometries of common small bearings (ball counts and diameters as in
    /// manufacturers' tables, rounded), so that machines differ in their fault frequencies.
    /// </summary>
    public static IReadOnlyList<BearingGeometry> Catalogue { get; } =
    [
        new("6203", 8, 6.75, 28.5, 0),
        new("6205", 9, 7.94, 39.04, 0),
        new("6206", 9, 9.53, 46.0, 0),
        new("6305", 8, 10.32, 44.5, 0),
        new("7205", 12, 7.94, 38.5, 40),
    ];

    private double Ratio => BallDiameterMm / PitchDiameterMm * Math.Cos(ContactAngleDegrees * Math.PI / 180);

    public double CageHz(double shaftHz) => shaftHz / 2 * (1 - Ratio);

    public double OuterRaceHz(double shaftHz) => Balls * shaftHz / 2 * (1 - Ratio);

    public double InnerRaceHz(double shaftHz) => Balls * shaftHz / 2 * (1 + Ratio);

    public double BallSpinHz(double shaftHz) => PitchDiameterMm / (2 * BallDiameterMm) * shaftHz * (1 - (Ratio * Ratio));
}
