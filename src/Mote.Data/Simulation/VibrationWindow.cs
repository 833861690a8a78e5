namespace Mote.Data.Simulation;

/// <summary>
/// One simulated recording: radial and axial acceleration in g at <see cref="SampleRate"/>, with the condition it
/// shows, its severity (0 … 1, 0 for healthy) and the mean shaft speed during the window.
/// </summary>
public sealed record VibrationWindow(MachineCondition Condition, double Severity, double ShaftHz, int SampleRate, float[] Radial, float[] Axial);
