namespace Mote.Data.Simulation;

/// <summary>The <c>manifest.json</c> of a synthesized vibration data set (snake_case in the file).</summary>
public sealed record VibrationManifest(
    string Format,
    int Version,
    ulong Seed,
    int SampleRateHz,
    int WindowSamples,
    string[] Channels,
    string Units,
    string LabelColumn,
    Dictionary<string, Dictionary<string, int>> Counts,
    MachineEntry[] Machines,
    WindowEntry[] Windows);

/// <summary>A machine of the data set with its nominal speed and the bearing defect frequencies at that speed.</summary>
public sealed record MachineEntry(int Id, string Split, double ShaftHz, string Bearing, double ResonanceHz, double BpfoHz, double BpfiHz, double BsfHz, double FtfHz)
{
    public static MachineEntry Of(Machine machine, string split) => new(
        machine.Id,
        split,
        Math.Round(machine.ShaftHz, 4),
        machine.Bearing.Name,
        Math.Round(machine.ResonanceHz, 1),
        Math.Round(machine.Bearing.OuterRaceHz(machine.ShaftHz), 4),
        Math.Round(machine.Bearing.InnerRaceHz(machine.ShaftHz), 4),
        Math.Round(machine.Bearing.BallSpinHz(machine.ShaftHz), 4),
        Math.Round(machine.Bearing.CageHz(machine.ShaftHz), 4));
}

/// <summary>One CSV window: its path relative to the data set folder, machine, label, severity and mean shaft speed.</summary>
public sealed record WindowEntry(string File, int Machine, string Label, double Severity, double ShaftHz);
