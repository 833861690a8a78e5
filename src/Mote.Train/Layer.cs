using Mote.Data;

namespace Mote.Train;

/// <summary>
/// A node's operation over a batch of items laid out NHWC in flat arrays (the batch outermost, as in TFLite). Shapes
/// exclude the batch dimension. <see cref="Forward"/> overwrites the first Batch × output-size elements of its output;
/// <see cref="Backward"/> adds into the input gradients that are not null and into its parameters' gradients.
/// </summary>
public abstract class Layer
{
    protected Layer(string name) => Name = name;

    public string Name { get; internal set; }

    public IReadOnlyList<int[]> InputShapes { get; private set; } = [];

    public int[] OutputShape { get; private set; } = [];

    public int InputSize => Size(InputShapes[0]);

    public int OutputSize => Size(OutputShape);

    public virtual IReadOnlyList<Parameter> Parameters => [];

    public abstract void Forward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output);

    public abstract void Backward(LayerContext context, IReadOnlyList<float[]> inputs, float[] output, float[] outputGradient, IReadOnlyList<float[]?> inputGradients);

    public static int Size(int[] shape)
    {
        var size = 1;
        foreach (var dim in shape)
        {
            size *= dim;
        }

        return size;
    }

    /// <summary>Checks the input shapes, creates and initializes parameters, and gives the output shape.</summary>
    internal void Connect(IReadOnlyList<int[]> inputShapes, SeededRandom random)
    {
        InputShapes = inputShapes;
        OutputShape = Build(inputShapes, random);
    }

    protected abstract int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random);

    protected int[] SingleInput(IReadOnlyList<int[]> inputShapes, int rank = -1)
    {
        if (inputShapes.Count != 1)
        {
            throw new ArgumentException($"{Name}: takes one input, got {inputShapes.Count}");
        }

        if (rank >= 0 && inputShapes[0].Length != rank)
        {
            throw new ArgumentException($"{Name}: needs an input of rank {rank} (batch excluded), got [{string.Join(", ", inputShapes[0])}]");
        }

        return inputShapes[0];
    }

    /// <summary>Grows a scratch buffer to at least <paramref name="length"/> elements.</summary>
    protected static float[] Scratch(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = new float[length];
        }

        return buffer;
    }

    /// <summary>He-uniform initialization: keeps activation variance steady through ReLU layers.</summary>
    protected static void HeUniform(Parameter parameter, int fanIn, SeededRandom random)
    {
        var limit = MathF.Sqrt(6f / fanIn);
        var values = parameter.Value;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (2 * random.NextSingle() - 1) * limit;
        }
    }
}
