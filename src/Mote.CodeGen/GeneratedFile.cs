namespace Mote.CodeGen;

/// <summary>One file of a generated library: its name inside the output folder and its text.</summary>
public sealed record GeneratedFile(string Name, string Text);
