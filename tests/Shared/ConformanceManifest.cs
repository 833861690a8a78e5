namespace Mote.Testing;

/// <summary>A conformance model's manifest.json, as read by <see cref="Conformance.ReadManifest"/>.</summary>
/// <param name="Cases">The reference cases TFLM ran.</param>
/// <param name="OutputTypes">The dtype of each model output, e.g. <c>FLOAT32</c> or <c>INT8</c>.</param>
public sealed record Manifest(Case[] Cases, string[] OutputTypes);

/// <summary>One reference case: the full paths of its raw input files and of TFLM's outputs, in tensor order.</summary>
public sealed record Case(int Id, string[] Inputs, string[] Outputs);
