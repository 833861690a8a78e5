using Mote.Graph;
using Mote.Runtime;

namespace Mote.CodeGen;

/// <summary>A test case made without outside data: a fixed-seed random input and what Mote's interpreter (bit-exact with TFLM) outputs for it.</summary>
public static class ReferenceCase
{
    public const int DefaultSeed = 1;

    /// <summary>Throws <see cref="InvalidModelException"/> for a model with float inputs (random bytes are not meaningful floats).</summary>
    public static TestCase Create(Model model, string sourceName, int seed = DefaultSeed)
    {
        var interpreter = Interpreter.Create(model, sourceName);
        var random = new Random(seed);
        var inputs = interpreter.Inputs.Select(info =>
        {
            if (info.Type == DataType.Float32)
            {
                throw new InvalidModelException(sourceName, "a reference case needs integer inputs; this model has float ones");
            }

            var bytes = new byte[info.ByteSize];
            random.NextBytes(bytes);
            return bytes;
        }).ToList();
        for (int i = 0; i < inputs.Count; i++)
        {
            interpreter.SetInput(i, inputs[i]);
        }

        interpreter.Invoke();
        return new TestCase(inputs, interpreter.Outputs.Select((_, i) => interpreter.GetOutput(i).ToArray()).ToList());
    }
}
