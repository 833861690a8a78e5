namespace Mote.Compress.Qat;

/// <summary>
/// How closely the int8 model reproduces what quantization-aware training simulated, on the tensor the training
/// network ends in: the share of output values on exactly the same int8 step, the largest difference in steps, and
/// how often both pick the same top-1 class.
/// </summary>
public sealed record SimulationAgreement(double SameStep, int MaxStepDifference, double Top1Agreement, int Samples);
