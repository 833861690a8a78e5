namespace Mote.Train;

/// <summary>
/// A named array of a layer's numbers with its gradient. Trainable parameters are updated by the optimizer; the others
/// (BatchNorm's running statistics) are state that checkpoints and export carry along.
/// </summary>
public sealed class Parameter
{
    public Parameter(string name, int[] shape, bool trainable = true, bool decays = false)
    {
        Name = name;
        Shape = shape;
        Trainable = trainable;
        Decays = decays;
        var length = 1;
        foreach (var dim in shape)
        {
            length *= dim;
        }

        Value = new float[length];
        Gradient = trainable ? new float[length] : [];
    }

    /// <summary>Unique within a network: "layer_name/kernel".</summary>
    public string Name { get; }

    /// <summary>The TFLite layout of the array (Conv2D filter [out, kh, kw, in], FullyConnected [units, in], bias [out]).</summary>
    public int[] Shape { get; }

    public bool Trainable { get; }

    /// <summary>Whether weight decay applies (kernels yes; biases and normalization parameters no).</summary>
    public bool Decays { get; }

    public float[] Value { get; }

    public float[] Gradient { get; }

    public int Length => Value.Length;
}
