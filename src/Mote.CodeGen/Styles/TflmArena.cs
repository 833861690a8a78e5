using Mote.Graph;
using Mote.Runtime.Planning;

namespace Mote.CodeGen.Styles;

/// <summary>
/// The tensor arena a TFLM MicroInterpreter needs for a model: the activation plan TFLM's own greedy planner makes
/// (Mote's <see cref="GreedyBySizePlanner"/>), plus a margin for what TFLM keeps in the same arena for itself.
/// </summary>
public static class TflmArena
{
    /// <summary>Per tensor: its TfLiteEvalTensor, dimensions and the allocator's bookkeeping.</summary>
    public const int BytesPerTensor = 64;

    /// <summary>Per operator: node and registration, its OpData, and temporary tensors made during Prepare.</summary>
    public const int BytesPerOperator = 256;

    /// <summary>Per output channel of an operator with per-channel weights: the int32 multiplier and shift in its OpData.</summary>
    public const int BytesPerChannel = 8;

    /// <summary>Once: the interpreter's graph, allocator and planner state.</summary>
    public const int FixedBytes = 1024;

    /// <summary>
    /// TFLM's greedy activation plan for the main subgraph, with the scratch buffers its kernels request, plus the
    /// variable tensors (LSTM and SVDF state), which TFLM allocates in the same arena.
    /// </summary>
    public static long PlanBytes(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layout = ArenaLayout.Create(model.Main, KernelScratch(model.Main), new GreedyBySizePlanner());
        return layout.ArenaBytes + layout.PersistentBytes;
    }

    /// <summary>The bookkeeping margin: the constants above times the model's tensors, operators and per-channel outputs.</summary>
    public static long MarginBytes(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var subgraph = model.Main;
        long channels = subgraph.Operators
            .Where(op => op.Inputs.Count > 1 && op.Inputs[1] >= 0 && subgraph.Tensors[op.Inputs[1]].Quantization is { IsPerChannel: true })
            .Sum(op => (long)subgraph.Tensors[op.Inputs[1]].Quantization!.Scales.Count);
        return FixedBytes + ((long)BytesPerTensor * subgraph.Tensors.Count) + ((long)BytesPerOperator * subgraph.Operators.Count) + (BytesPerChannel * channels);
    }

    /// <summary>The arena size to give the interpreter: plan plus margin, rounded up to 16 bytes.</summary>
    public static long Bytes(Model model) => (PlanBytes(model) + MarginBytes(model) + 15) / 16 * 16;

    /// <summary>
    /// The scratch TFLM's reference kernels request in Prepare: TRANSPOSE_CONV scatters into one accumulator per output
    /// element, int64 for int16 activations and int32 for int8.
    /// </summary>
    private static List<ScratchRequest> KernelScratch(Subgraph subgraph)
    {
        var requests = new List<ScratchRequest>();
        for (int i = 0; i < subgraph.Operators.Count; i++)
        {
            var op = subgraph.Operators[i];
            if (op.Type == OpType.TransposeConv && op.Outputs.Count > 0 && op.Outputs[0] >= 0
                && subgraph.Tensors[op.Outputs[0]] is { Type: DataType.Int8 or DataType.Int16 } output)
            {
                requests.Add(new ScratchRequest(i, output.Shape.ElementCount * (output.Type == DataType.Int16 ? sizeof(long) : sizeof(int))));
            }
        }

        return requests;
    }
}
