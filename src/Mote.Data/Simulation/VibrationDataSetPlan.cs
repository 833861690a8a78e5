namespace Mote.Data.Simulation;

/// <summary>
/// The shape of a synthesized vibration data set. Training machines give healthy windows for training and further
/// healthy windows (other seeds) for validation; test machines, never seen in training, give healthy windows and
/// windows of every fault at severities drawn uniformly from 0 … 1.
/// </summary>
public sealed record VibrationDataSetPlan
{
    public int SampleRate { get; init; } = 12_800;

    /// <summary>Samples per window (a power of two, for the spectral features); 4096 at 12.8 kHz is 0.32 s.</summary>
    public int WindowSamples { get; init; } = 4096;

    public int TrainingMachines { get; init; } = 8;

    public int TrainingWindowsPerMachine { get; init; } = 40;

    public int ValidationWindowsPerMachine { get; init; } = 8;

    public int TestMachines { get; init; } = 4;

    public int TestHealthyWindowsPerMachine { get; init; } = 24;

    public int TestFaultWindowsPerMachine { get; init; } = 12;

    public int TotalWindows =>
        (TrainingMachines * (TrainingWindowsPerMachine + ValidationWindowsPerMachine)) +
        (TestMachines * (TestHealthyWindowsPerMachine + (MachineConditions.Faults.Count * TestFaultWindowsPerMachine)));
}
