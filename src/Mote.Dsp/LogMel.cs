namespace Mote.Dsp;

/// <summary>Log compression of mel energies.</summary>
public static class LogMel
{
    /// <summary>Default floor: keeps silent bands finite (ln 1e-6 ≈ −13.8).</summary>
    public const float DefaultFloor = 1e-6f;

    /// <summary><c>ln(max(mel, floor))</c>, element by element.</summary>
    public static void Apply(ReadOnlySpan<float> mel, Span<float> output, float floor = DefaultFloor)
    {
        if (output.Length < mel.Length)
        {
            throw new ArgumentException("The output must be as long as the input.", nameof(output));
        }

        System.Numerics.Tensors.TensorPrimitives.Max(mel, floor, output[..mel.Length]);
        System.Numerics.Tensors.TensorPrimitives.Log(output[..mel.Length], output[..mel.Length]);
    }
}
