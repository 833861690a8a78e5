using Mote.Graph;

namespace Mote.Runtime.Planning;

/// <summary>
/// The memory layout of one subgraph: an offset in the arena for every activation tensor and scratch buffer, and an
/// offset in a separate persistent area for every variable tensor. Constants stay in the model and get no offset.
/// <para>
/// Lifetimes are in steps (operator indices). A tensor lives from the step that produces it to the last step that
/// reads it; graph inputs live from step 0 and graph outputs to the last step. A scratch buffer lives during its
/// operator's step only. Outputs of in-place operators (<see cref="InPlaceOperators"/>) share their input's buffer
/// when that input is read for the last time by that operator and is an activation that is neither a graph input nor
/// a graph output. Every buffer is rounded up to <see cref="DefaultAlignment"/> bytes (16, as TFLM aligns), so every
/// offset is a multiple of it.
/// </para>
/// <para>
/// A code generator that fuses operators passes <see cref="InPlaceFusion"/>s and <see cref="ChainFusion"/>s: each
/// fusion's elided tensor gets no buffer (the bands or windows that hold parts of it are scratch the generator
/// requests), an in-place fusion's output shares its target's buffer, and a chain's output lives from the chain's first
/// step. A chain's consumer may also be the producer of an in-place fusion (two convolutions and an ADD run as one).
/// The interpreter fuses nothing.
/// </para>
/// </summary>
public sealed class ArenaLayout
{
    /// <summary>Alignment of every buffer in the arena and the persistent area, as in TFLM.</summary>
    public const int DefaultAlignment = 16;

    private readonly long[] _tensorOffsets;
    private readonly long[] _variableOffsets;
    private readonly long[] _scratchOffsets;

    private ArenaLayout(
        long[] tensorOffsets,
        long[] variableOffsets,
        long[] scratchOffsets,
        IReadOnlyList<PlannedBuffer> buffers,
        long arenaBytes,
        long persistentBytes,
        (long Bytes, int Step) lowerBound,
        string plannerName)
    {
        _tensorOffsets = tensorOffsets;
        _variableOffsets = variableOffsets;
        _scratchOffsets = scratchOffsets;
        Buffers = buffers;
        ArenaBytes = arenaBytes;
        PersistentBytes = persistentBytes;
        LowerBoundBytes = lowerBound.Bytes;
        PeakStep = lowerBound.Step;
        PlannerName = plannerName;
    }

    /// <summary>Bytes of the arena (activations and scratch).</summary>
    public long ArenaBytes { get; }

    /// <summary>Bytes of the persistent area (variable tensors), which the interpreter zeroes before each run.</summary>
    public long PersistentBytes { get; }

    /// <summary>The largest total of (aligned) arena bytes alive at one step: no plan without overlap can be smaller.</summary>
    public long LowerBoundBytes { get; }

    /// <summary>The first step at which <see cref="LowerBoundBytes"/> are alive (-1 when the arena is empty).</summary>
    public int PeakStep { get; }

    /// <summary>Name of the planner that placed the buffers.</summary>
    public string PlannerName { get; }

    /// <summary>Every activation, scratch and variable buffer, in that order; activations by tensor index.</summary>
    public IReadOnlyList<PlannedBuffer> Buffers { get; }

    /// <summary>Plans with the <see cref="SearchPlanner"/>.</summary>
    public static ArenaLayout Create(Subgraph subgraph, IReadOnlyList<ScratchRequest> scratch) =>
        Create(subgraph, scratch, new SearchPlanner());

    public static ArenaLayout Create(
        Subgraph subgraph,
        IReadOnlyList<ScratchRequest> scratch,
        IMemoryPlanner planner,
        int alignment = DefaultAlignment,
        IReadOnlyList<InPlaceFusion>? fusions = null,
        IReadOnlyList<ChainFusion>? chains = null)
    {
        ArgumentNullException.ThrowIfNull(subgraph);
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alignment);
        fusions ??= [];
        chains ??= [];
        CheckFusions(subgraph, fusions, chains);

        int tensorCount = subgraph.Tensors.Count;
        int lastStep = Math.Max(subgraph.Operators.Count - 1, 0);
        var (first, last) = Lifetimes(subgraph, lastStep);
        foreach (int elided in fusions.Select(f => f.Elided).Concat(chains.Select(c => c.Elided)))
        {
            first[elided] = -1;
            last[elided] = -1;
        }

        foreach (var chain in chains.Where(c => first[c.Output] >= 0))
        {
            first[chain.Output] = Math.Min(first[chain.Output], chain.Producer);
        }

        int[] root = Aliases(subgraph, first, last, fusions);

        // One request per group of tensors sharing memory (keyed by the group's root tensor), then one per scratch.
        var requests = new List<BufferRequest>();
        var requestOf = new int[tensorCount];
        Array.Fill(requestOf, -1);
        for (int t = 0; t < tensorCount; t++)
        {
            if (first[t] < 0)
            {
                continue;
            }

            var request = new BufferRequest(Align(subgraph.Tensors[t].ByteSize, alignment), first[t], last[t]);
            if (requestOf[root[t]] < 0)
            {
                requestOf[root[t]] = requests.Count;
                requests.Add(request);
            }
            else
            {
                var group = requests[requestOf[root[t]]];
                requests[requestOf[root[t]]] = new BufferRequest(
                    Math.Max(group.Size, request.Size),
                    Math.Min(group.FirstStep, request.FirstStep),
                    Math.Max(group.LastStep, request.LastStep));
            }
        }

        int scratchStart = requests.Count;
        foreach (var request in scratch)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(request.Size, nameof(scratch));
            if (request.OperatorIndex < 0 || request.OperatorIndex >= subgraph.Operators.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(scratch), $"scratch for operator {request.OperatorIndex}, which does not exist");
            }

            requests.Add(new BufferRequest(Align(request.Size, alignment), request.OperatorIndex, request.OperatorIndex));
        }

        var plan = planner.Plan(requests);
        var buffers = new List<PlannedBuffer>();
        var tensorOffsets = new long[tensorCount];
        Array.Fill(tensorOffsets, -1);
        for (int t = 0; t < tensorCount; t++)
        {
            if (first[t] >= 0)
            {
                tensorOffsets[t] = plan.Offset(requestOf[root[t]]);
                buffers.Add(new PlannedBuffer(PlannedBufferKind.Tensor, t, tensorOffsets[t], subgraph.Tensors[t].ByteSize, first[t], last[t])
                {
                    AliasOf = root[t] == t ? -1 : root[t],
                });
            }
        }

        var scratchOffsets = new long[scratch.Count];
        for (int s = 0; s < scratch.Count; s++)
        {
            scratchOffsets[s] = plan.Offset(scratchStart + s);
            buffers.Add(new PlannedBuffer(PlannedBufferKind.Scratch, s, scratchOffsets[s], scratch[s].Size, scratch[s].OperatorIndex, scratch[s].OperatorIndex));
        }

        var variableOffsets = new long[tensorCount];
        Array.Fill(variableOffsets, -1);
        long persistentBytes = 0;
        for (int t = 0; t < tensorCount; t++)
        {
            if (IsVariable(subgraph.Tensors[t]))
            {
                variableOffsets[t] = persistentBytes;
                buffers.Add(new PlannedBuffer(PlannedBufferKind.Variable, t, persistentBytes, subgraph.Tensors[t].ByteSize, 0, lastStep));
                persistentBytes += Align(subgraph.Tensors[t].ByteSize, alignment);
            }
        }

        return new ArenaLayout(
            tensorOffsets,
            variableOffsets,
            scratchOffsets,
            buffers,
            plan.TotalBytes,
            persistentBytes,
            LiveBytes.Peak(requests),
            planner.Name);
    }

    /// <summary>Offset of an activation tensor in the arena; -1 for constants, variables and tensors no operator uses.</summary>
    public long TensorOffset(int tensorIndex) => _tensorOffsets[tensorIndex];

    /// <summary>Offset of a variable tensor in the persistent area; -1 for every other tensor.</summary>
    public long VariableOffset(int tensorIndex) => _variableOffsets[tensorIndex];

    /// <summary>Offset in the arena of the scratch buffer requested at position <paramref name="scratchIndex"/>.</summary>
    public long ScratchOffset(int scratchIndex) => _scratchOffsets[scratchIndex];

    /// <summary>The arena and scratch buffers alive at <paramref name="step"/> (variables are alive at every step but not in the arena).</summary>
    public IEnumerable<PlannedBuffer> ArenaBuffersLiveAt(int step) =>
        Buffers.Where(b => b.Kind != PlannedBufferKind.Variable && b.IsLiveAt(step));

    private static long Align(long size, int alignment) => (size + alignment - 1) / alignment * alignment;

    private static bool IsVariable(Tensor tensor) => tensor.IsVariable && !tensor.IsConstant;

    internal static bool InArena(Tensor tensor) => !tensor.IsConstant && !tensor.IsVariable;

    /// <summary>
    /// Every fusion must be of this subgraph, and each operator fused into the one before it at most once; an in-place
    /// fusion's producer may be a chain's consumer, but no fusion's consumer may produce another fusion otherwise.
    /// </summary>
    private static void CheckFusions(Subgraph subgraph, IReadOnlyList<InPlaceFusion> fusions, IReadOnlyList<ChainFusion> chains)
    {
        var consumers = new HashSet<int>();
        var chainConsumers = chains.Select(c => c.Consumer).ToHashSet();
        var pairs = fusions.Select(f => (f.Subgraph, f.Producer, f.Consumer, ProducerMayBeFused: chainConsumers.Contains(f.Producer)))
            .Concat(chains.Select(c => (c.Subgraph, c.Producer, c.Consumer, ProducerMayBeFused: false)));
        foreach (var (owner, producer, consumer, _) in pairs)
        {
            if (!ReferenceEquals(owner, subgraph) || !consumers.Add(consumer))
            {
                throw new ArgumentException($"fusion of operators {producer} and {consumer} is for another subgraph or overlaps another fusion", nameof(fusions));
            }
        }

        foreach (var (_, producer, consumer, producerMayBeFused) in pairs)
        {
            if (consumers.Contains(producer) && !producerMayBeFused)
            {
                throw new ArgumentException($"fusion of operators {producer} and {consumer} starts inside another fusion", nameof(fusions));
            }
        }
    }

    /// <summary>First and last step of every arena tensor; -1 for tensors outside the arena or never used.</summary>
    private static (int[] First, int[] Last) Lifetimes(Subgraph subgraph, int lastStep)
    {
        int count = subgraph.Tensors.Count;
        var first = new int[count];
        var last = new int[count];
        Array.Fill(first, -1);
        Array.Fill(last, -1);

        void Use(int tensor, int step)
        {
            if (tensor >= 0 && InArena(subgraph.Tensors[tensor]))
            {
                first[tensor] = first[tensor] < 0 ? step : Math.Min(first[tensor], step);
                last[tensor] = Math.Max(last[tensor], step);
            }
        }

        foreach (int input in subgraph.Inputs)
        {
            Use(input, 0);
        }

        for (int step = 0; step < subgraph.Operators.Count; step++)
        {
            foreach (int input in subgraph.Operators[step].Inputs)
            {
                Use(input, step);
            }

            foreach (int output in subgraph.Operators[step].Outputs)
            {
                Use(output, step);
            }
        }

        foreach (int output in subgraph.Outputs)
        {
            Use(output, lastStep);
        }

        return (first, last);
    }

    /// <summary>For every tensor, the tensor whose buffer it uses (itself unless an in-place operator or a fusion made it share).</summary>
    private static int[] Aliases(Subgraph subgraph, int[] first, int[] last, IReadOnlyList<InPlaceFusion> fusions)
    {
        int[] root = Enumerable.Range(0, subgraph.Tensors.Count).ToArray();
        var graphIo = new HashSet<int>(subgraph.Inputs);
        graphIo.UnionWith(subgraph.Outputs);
        var fusedAt = fusions.ToDictionary(f => f.Consumer);
        for (int step = 0; step < subgraph.Operators.Count; step++)
        {
            if (fusedAt.TryGetValue(step, out var fusion))
            {
                root[fusion.Output] = root[fusion.Target];
                continue;
            }

            var op = subgraph.Operators[step];
            foreach (int input in InPlaceOperators.CandidateInputs(subgraph, op))
            {
                int output = op.Outputs[0];
                if (first[input] >= 0 && last[input] == step && !graphIo.Contains(input)
                    && first[output] == step && output != input)
                {
                    root[output] = root[input];
                    break;
                }
            }
        }

        return root;
    }
}
