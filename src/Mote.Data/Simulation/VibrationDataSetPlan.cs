namespace Mote.Data.Simulation;

/// <summary>
/// The shape of a synthesized vibration data set, in three disjoint sets of machines: training machines give healthy
/// windows for training, validation machines healthy windows for choosing a detection threshold that holds on
/// machines the model has not seen, and test machines healthy windows and windows of every fault at severities drawn
/// uniformly from 0 … 1.
/// </summary>
public sealed record VibrationDataSetPlan
{
    public int SampleRate { get; init; } = 12_800;

    /// <summary>Samples per window (a power of two, for the spectral features); 4096 at 12.8 kHz is 0.32 s.</summary>
    public int WindowSamples { get; init; } = 4096;

    public int TrainingMachines { get; init; } = 40;

    public int TrainingWindowsPerMachine { get; init; } = 8;

    public int ValidationMachines { get; init; } = 16;

    public int ValidationWindowsPerMachine { get; init; } = 4;

    public int TestMachines { get; init; } = 8;

    public int TestHealthyWindowsPerMachine { get; init; } = 12;

    public int TestFaultWindowsPerMachine { get; init; } = 6;

    public int TotalWindows =>
        (TrainingMachines * TrainingWindowsPerMachine) + (ValidationMachines * ValidationWindowsPerMachine) +
        (TestMachines * (TestHealthyWindowsPerMachine + (MachineConditions.Faults.Count * TestFaultWindowsPerMachine)));
}
