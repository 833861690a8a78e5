namespace Mote.CodeGen.Toolchain;

/// <summary>
/// What `mote deploy` measured for one model on one Cortex-M target (the JSON of `mote deploy --json`, documented in
/// docs/deploy.md). Code bytes are the image's text minus the weight arrays, the per-channel requantization arrays
/// (<see cref="QuantizationBytes"/>, model data that TFLM keeps in its arena instead) and the embedded test data. Sizes come from arm-none-eabi-size and -nm on the linked image; the figures that need a run
/// (output, stack, instructions) are null without emulation, and <see cref="Profile"/> (instructions of one inference
/// per function, most first) is null unless profiled.
/// </summary>
public sealed record DeployMeasurement(
    string Target,
    string Board,
    string Optimization,
    bool? OutputMatches,
    long CodeBytes,
    long WeightBytes,
    long? RamBytes,
    long? InstructionsPerInference,
    long QuantizationBytes,
    long ArenaBytes,
    long StaticBytes,
    long? StackBytes,
    long TextBytes,
    long DataBytes,
    long BssBytes,
    long TestDataBytes,
    long? InstructionsWithoutInference,
    IReadOnlyList<FunctionInstructions>? Profile);
