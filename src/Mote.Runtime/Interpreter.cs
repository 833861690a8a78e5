using Mote.Graph;
using Mote.Runtime.Execution;
using Mote.Runtime.Kernels;
using Mote.Runtime.Planning;

namespace Mote.Runtime;

/// <summary>
/// Runs a model's main subgraph. <see cref="Create"/> checks every operator, prepares its kernel and lays out the
/// arena once, so an unsupported model fails at load time and <see cref="Invoke"/> only runs loops without allocating.
/// Integer kernels follow TFLM's reference kernels bit for bit.
/// </summary>
public sealed class Interpreter
{
    private readonly Subgraph _subgraph;
    private readonly IOperation[] _operations;
    private readonly TensorBuffers _buffers;
    private readonly byte[] _persistent;
    private readonly (int Tensor, byte Fill)[] _variables;

    private Interpreter(Subgraph subgraph, IOperation[] operations, TensorBuffers buffers, byte[] persistent, (int, byte)[] variables)
    {
        _subgraph = subgraph;
        _operations = operations;
        _buffers = buffers;
        _persistent = persistent;
        _variables = variables;
        Inputs = subgraph.Inputs.Select(i => Describe(subgraph.Tensors[i])).ToArray();
        Outputs = subgraph.Outputs.Select(i => Describe(subgraph.Tensors[i])).ToArray();
        ResetVariables();
    }

    public IReadOnlyList<TensorInfo> Inputs { get; }

    public IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>Bytes of activation memory (arena) the interpreter uses.</summary>
    public long ArenaBytes { get; private init; }

    /// <summary>Prepares every operator of the model's first subgraph; throws <see cref="InvalidModelException"/> naming the first operator that cannot run.</summary>
    public static Interpreter Create(Model model, string sourceName)
    {
        var scratch = new List<ScratchRequest>();
        var operatorState = new List<long>();
        var operations = Prepare(model, sourceName, scratch, operatorState);
        var subgraph = model.Main;

        var layout = ArenaLayout.Create(subgraph, scratch);
        var arena = new byte[layout.ArenaBytes];

        // Operators' persistent buffers follow the variable tensors in the persistent area, so one clear resets both.
        var stateOffsets = new long[operatorState.Count];
        long persistentBytes = layout.PersistentBytes;
        for (int i = 0; i < stateOffsets.Length; i++)
        {
            stateOffsets[i] = persistentBytes;
            persistentBytes += (operatorState[i] + ArenaLayout.DefaultAlignment - 1) / ArenaLayout.DefaultAlignment * ArenaLayout.DefaultAlignment;
        }

        var persistent = new byte[persistentBytes];
        var stateSlots = new TensorBuffers.Slot[stateOffsets.Length];
        for (int i = 0; i < stateSlots.Length; i++)
        {
            stateSlots[i] = new(persistent, checked((int)stateOffsets[i]), checked((int)operatorState[i]));
        }

        var slots = new TensorBuffers.Slot[subgraph.Tensors.Count];
        var variables = new List<(int, byte)>();
        for (int i = 0; i < slots.Length; i++)
        {
            var tensor = subgraph.Tensors[i];
            if (tensor.IsVariable)
            {
                slots[i] = new(persistent, checked((int)layout.VariableOffset(i)), checked((int)tensor.ByteSize));
                variables.Add((i, VariableFill(tensor)));
            }
            else if (tensor.Data is { } data)
            {
                slots[i] = new(data.AsSpan().ToArray(), 0, data.Count);
            }
            else if (layout.TensorOffset(i) >= 0)
            {
                slots[i] = new(arena, checked((int)layout.TensorOffset(i)), checked((int)tensor.ByteSize));
            }
        }

        var scratchSlots = new TensorBuffers.Slot[scratch.Count];
        for (int i = 0; i < scratchSlots.Length; i++)
        {
            scratchSlots[i] = new(arena, checked((int)layout.ScratchOffset(i)), checked((int)scratch[i].Size));
        }

        return new Interpreter(subgraph, operations, new TensorBuffers(slots, scratchSlots, stateSlots), persistent, variables.ToArray())
        {
            ArenaBytes = layout.ArenaBytes,
        };
    }

    /// <summary>
    /// The scratch buffers the kernels request when <see cref="Create"/> prepares <paramref name="model"/>, in request
    /// order (each lives during its operator's step only). <see cref="ArenaLayout.Create(Subgraph, IReadOnlyList{ScratchRequest})"/>
    /// with them gives the interpreter's own arena plan, so analysis tools such as <c>mote analyze</c> can count them.
    /// Prepares the kernels without allocating the arena; throws <see cref="InvalidModelException"/> as <see cref="Create"/> does.
    /// </summary>
    public static IReadOnlyList<ScratchRequest> ScratchRequests(Model model, string sourceName)
    {
        var scratch = new List<ScratchRequest>();
        Prepare(model, sourceName, scratch, []);
        return scratch;
    }

    private static IOperation[] Prepare(Model model, string sourceName, List<ScratchRequest> scratch, List<long> operatorState)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Subgraphs.Count == 0)
        {
            throw new InvalidModelException(sourceName, "the model has no subgraph");
        }

        var subgraph = model.Main;
        for (int i = 0; i < subgraph.Tensors.Count; i++)
        {
            var tensor = subgraph.Tensors[i];
            if (!tensor.IsConstant && (!tensor.Shape.IsFullyKnown || tensor.Type.ElementSize() == 0))
            {
                throw new InvalidModelException(sourceName, $"tensor {i} ({tensor.Name}) has type {tensor.Type.TfLiteName()} and shape {tensor.Shape}, which the interpreter cannot allocate");
            }
        }

        var operations = new IOperation[subgraph.Operators.Count];
        for (int i = 0; i < operations.Length; i++)
        {
            operations[i] = KernelRegistry.Prepare(new KernelContext(subgraph, i, sourceName, scratch, operatorState));
        }

        return operations;
    }

    /// <summary>Copies raw little-endian bytes into input <paramref name="index"/>; the length must match the tensor exactly.</summary>
    public void SetInput(int index, ReadOnlySpan<byte> bytes)
    {
        var target = _buffers.Bytes(_subgraph.Inputs[index]);
        if (bytes.Length != target.Length)
        {
            throw new ArgumentException($"input {index} ({Inputs[index].Name}) takes {target.Length} bytes, got {bytes.Length}", nameof(bytes));
        }

        bytes.CopyTo(target);
    }

    public void Invoke()
    {
        foreach (var operation in _operations)
        {
            operation.Eval(_buffers);
        }
    }

    /// <summary>The raw bytes of output <paramref name="index"/>, valid until the next <see cref="Invoke"/>.</summary>
    public ReadOnlySpan<byte> GetOutput(int index) => _buffers.Bytes(_subgraph.Outputs[index]);

    /// <summary>
    /// Sets variable tensors (LSTM/SVDF state) and operators' persistent state (the audio front end's noise estimate) to
    /// zero, as on a fresh TFLM interpreter (int8 variables to their zero point).
    /// </summary>
    public void ResetVariables()
    {
        Array.Clear(_persistent);
        foreach ((int tensor, byte fill) in _variables)
        {
            _buffers.Bytes(tensor).Fill(fill);
        }
    }

    private static TensorInfo Describe(Tensor tensor) => new(tensor.Name, tensor.Type, tensor.Shape, tensor.Quantization);

    /// <summary>The byte a variable tensor starts as: TFLM's ResetVariableTensors fills int8 variables with their zero point and everything else with zero bytes.</summary>
    internal static byte VariableFill(Tensor tensor) =>
        tensor.Type == DataType.Int8 && tensor.Quantization is { ZeroPoints.Count: > 0 } q ? (byte)(sbyte)q.ZeroPoints[0] : (byte)0;
}
