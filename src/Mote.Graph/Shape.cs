namespace Mote.Graph;

/// <summary>A tensor shape: dimension sizes, outermost first. Rank 0 is a scalar.</summary>
public readonly record struct Shape(ValueArray<int> Dimensions)
{
    public static Shape Scalar => new(ValueArray<int>.Empty);

    public static Shape Of(params int[] dimensions) => new(dimensions);

    public int Rank => Dimensions.Count;

    public int this[int axis] => Dimensions[axis];

    /// <summary>Number of elements; -1 when a dimension is unknown (negative) or the product does not fit 63 bits.</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var dim in Dimensions)
            {
                if (dim < 0)
                {
                    return -1;
                }

                if (dim != 0 && count > long.MaxValue / dim)
                {
                    return -1;
                }

                count *= dim;
            }

            return count;
        }
    }

    public bool IsFullyKnown => ElementCount >= 0;

    public override string ToString() => Dimensions.ToString();
}
