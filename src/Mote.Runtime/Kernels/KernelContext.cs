using System.Runtime.InteropServices;
using Mote.Graph;
using Mote.Runtime.Planning;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>What a kernel's Prepare sees: its operator, the tensors it touches, and ways to reject it or ask for scratch memory.</summary>
internal sealed class KernelContext
{
    private readonly Subgraph _subgraph;
    private readonly string _source;
    private readonly List<ScratchRequest> _scratch;
    private readonly List<long> _persistent;

    public KernelContext(Subgraph subgraph, int operatorIndex, string source, List<ScratchRequest> scratch, List<long> persistent)
    {
        _subgraph = subgraph;
        _source = source;
        _scratch = scratch;
        _persistent = persistent;
        OperatorIndex = operatorIndex;
        Operator = subgraph.Operators[operatorIndex];
    }

    public Operator Operator { get; }

    public int OperatorIndex { get; }

    public int InputCount => Operator.Inputs.Count;

    public bool HasInput(int position) => position < Operator.Inputs.Count && Operator.Inputs[position] >= 0;

    public int InputIndex(int position)
    {
        Require(HasInput(position), $"input {position} is missing");
        return Operator.Inputs[position];
    }

    public Tensor Input(int position) => _subgraph.Tensors[InputIndex(position)];

    public int OutputIndex(int position)
    {
        Require(position < Operator.Outputs.Count && Operator.Outputs[position] >= 0, $"output {position} is missing");
        return Operator.Outputs[position];
    }

    public Tensor Output(int position) => _subgraph.Tensors[OutputIndex(position)];

    public T Options<T>()
        where T : OperatorOptions =>
        Operator.Options as T ?? throw Fail($"expected {typeof(T).Name}, found {Operator.Options.GetType().Name}");

    /// <summary>The elements of a constant input (weights, bias, shape operands), copied once at load time.</summary>
    public T[] Constant<T>(int position)
        where T : struct
    {
        var tensor = Input(position);
        Require(tensor.Data is not null, $"input {position} ({tensor.Name}) must be a constant tensor");
        return MemoryMarshal.Cast<byte, T>(tensor.Data!.Value.AsSpan()).ToArray();
    }

    /// <summary>The constant elements of an input, widened to int (for shape-like operands of type INT32 or INT64).</summary>
    public int[] ConstantInts(int position)
    {
        var tensor = Input(position);
        return tensor.Type switch
        {
            DataType.Int32 => Constant<int>(position),
            DataType.Int64 => Array.ConvertAll(Constant<long>(position), v => checked((int)v)),
            _ => throw Fail($"input {position} must be INT32 or INT64, not {tensor.Type.TfLiteName()}"),
        };
    }

    /// <summary>Scale and zero point of a per-tensor quantized tensor.</summary>
    public (float Scale, int ZeroPoint) Quantization(Tensor tensor)
    {
        var q = tensor.Quantization;
        Require(q is not null && q.HasScales, $"tensor {tensor.Name} has no quantization parameters");
        return (q!.Scales[0], q.ZeroPoints.Count > 0 ? checked((int)q.ZeroPoints[0]) : 0);
    }

    /// <summary>Reserves scratch memory for this operator's Eval; returns the index to fetch it with.</summary>
    public int RequestScratch(long bytes)
    {
        _scratch.Add(new ScratchRequest(OperatorIndex, bytes));
        return _scratch.Count - 1;
    }

    /// <summary>
    /// Reserves memory that keeps its contents from one Invoke to the next (operator state such as a noise estimate),
    /// zeroed with the variable tensors by <see cref="Interpreter.ResetVariables"/>; returns the index to fetch it with.
    /// </summary>
    public int RequestPersistent(long bytes)
    {
        _persistent.Add(bytes);
        return _persistent.Count - 1;
    }

    public void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw Fail(problem);
        }
    }

    public void RequireActivation(Activation activation) =>
        Require(ActivationRange.IsSupported(activation), $"fused activation {activation} is not supported");

    public InvalidModelException Fail(string problem) =>
        new(_source, $"operator {OperatorIndex} ({Operator.DisplayName}): {problem}");

    /// <summary>The "type combination not supported" error, naming the types found.</summary>
    public InvalidModelException Unsupported(params Tensor[] tensors) =>
        Fail($"type combination {string.Join(" → ", tensors.Select(t => t.Type.TfLiteName()))} is not supported");
}
