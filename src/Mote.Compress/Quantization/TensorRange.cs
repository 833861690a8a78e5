namespace Mote.Compress.Quantization;

/// <summary>The smallest and largest real value seen in a tensor during calibration.</summary>
public readonly record struct TensorRange(float Min, float Max)
{
    public static TensorRange Empty => new(float.PositiveInfinity, float.NegativeInfinity);

    public bool IsEmpty => Min > Max;

    public TensorRange Include(TensorRange other) => new(Math.Min(Min, other.Min), Math.Max(Max, other.Max));

    public static TensorRange Of(ReadOnlySpan<float> values)
    {
        var range = Empty;
        foreach (var value in values)
        {
            range = new(Math.Min(range.Min, value), Math.Max(range.Max, value));
        }

        return range;
    }
}
