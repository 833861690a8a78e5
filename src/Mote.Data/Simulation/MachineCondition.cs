namespace Mote.Data.Simulation;

/// <summary>The state of a simulated machine; <see cref="MachineConditions.Label"/> gives its name in data files.</summary>
public enum MachineCondition
{
    Healthy,

    /// <summary>Mass imbalance: a rotating force at 1× shaft speed, mostly radial.</summary>
    Imbalance,

    /// <summary>Shaft misalignment: 2× (and 1×) shaft speed, strong in the axial direction.</summary>
    Misalignment,

    /// <summary>Mechanical looseness: a clipped response with many harmonics and half-order sub-harmonics.</summary>
    Looseness,

    /// <summary>A spall on the outer race: impacts at BPFO of constant strength (the race does not turn).</summary>
    OuterRace,

    /// <summary>A spall on the inner race: impacts at BPFI whose strength follows the shaft through the load zone.</summary>
    InnerRace,

    /// <summary>A spalled ball: impacts at 2·BSF, alternating races, modulated at the cage frequency.</summary>
    Ball,
}

public static class MachineConditions
{
    public static IReadOnlyList<MachineCondition> All { get; } = Enum.GetValues<MachineCondition>();

    public static IReadOnlyList<MachineCondition> Faults { get; } = [.. All.Where(c => c != MachineCondition.Healthy)];

    /// <summary>The snake_case name used as the label in CSV files and manifests.</summary>
    public static string Label(this MachineCondition condition) => condition switch
    {
        MachineCondition.Healthy => "healthy",
        MachineCondition.Imbalance => "imbalance",
        MachineCondition.Misalignment => "misalignment",
        MachineCondition.Looseness => "looseness",
        MachineCondition.OuterRace => "outer_race",
        MachineCondition.InnerRace => "inner_race",
        MachineCondition.Ball => "ball",
        _ => throw new ArgumentOutOfRangeException(nameof(condition)),
    };
}
