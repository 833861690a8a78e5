using System.Runtime.InteropServices;
using Mote.Graph;
using Mote.Runtime;

namespace Mote.Compress.Quantization;

/// <summary>
/// Runs a model in Mote's interpreter with the operator outputs it is asked to observe visible. The interpreter only exposes
/// graph outputs, so the probe runs a copy of the model whose outputs are those tensors; the planner keeps graph
/// outputs alive to the end and never overwrites them in place, so each holds its value after <see cref="Run"/>.
/// </summary>
internal sealed class TensorProbe
{
    private readonly Interpreter _interpreter;
    private readonly Dictionary<int, int> _outputOf;

    public TensorProbe(Model model, Func<Tensor, bool> observe, string sourceName)
    {
        var main = model.Main;
        Observed = [.. main.Operators.SelectMany(op => op.Outputs).Where(i => i >= 0 && observe(main.Tensors[i])).Distinct()];
        _outputOf = Observed.Select((tensor, output) => (tensor, output)).ToDictionary(p => p.tensor, p => p.output);
        _interpreter = Interpreter.Create(model with { Subgraphs = [main with { Outputs = [.. Observed] }, .. model.Subgraphs.Skip(1)] }, sourceName);
    }

    /// <summary>Indices (in the model's main subgraph) of the tensors the probe exposes, in operator order.</summary>
    public IReadOnlyList<int> Observed { get; }

    public int InputCount => _interpreter.Inputs.Count;

    /// <summary>Runs one inference on the inputs' raw bytes, in the model's input order.</summary>
    public void Run(IReadOnlyList<byte[]> inputs)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            _interpreter.SetInput(i, inputs[i]);
        }

        _interpreter.Invoke();
    }

    /// <summary>A float sample as the bytes a model input takes: quantized with its parameters for an int8 input, else as is.</summary>
    public static byte[] InputBytes(Tensor input, float[] sample) => input.Type == DataType.Int8
        ? MemoryMarshal.AsBytes(Array.ConvertAll(sample, v => Int8Quantization.Quantize(v, input.Quantization!)).AsSpan()).ToArray()
        : MemoryMarshal.AsBytes(sample.AsSpan()).ToArray();

    /// <summary>The raw bytes an observed tensor holds after the last <see cref="Run"/>.</summary>
    public ReadOnlySpan<byte> Values(int tensor) => _interpreter.GetOutput(_outputOf[tensor]);
}
