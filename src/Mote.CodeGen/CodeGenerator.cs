using System.Globalization;
using Mote.CodeGen.Emitters;
using Mote.Graph;
using Mote.Runtime;
using Mote.Runtime.Planning;

namespace Mote.CodeGen;

/// <summary>
/// Turns a model into a standalone C99 library without an interpreter: every shape, multiplier, shift and offset
/// is a constant, weights are const arrays, and activations live in one static arena laid out by Mote's planner.
/// Everything is generated in memory, so a model the generator cannot handle is refused before any file exists.
/// </summary>
public static class CodeGenerator
{
    private const string StateReady = "state_ready";

    /// <summary>
    /// Operator types of the model's main subgraph that no emitter handles, each with where it occurs:
    /// "MEAN (operator 81)", "PAD (operators 1, 3, 7, ...)"; empty when every operator is supported.
    /// </summary>
    public static IReadOnlyList<string> UnsupportedOperators(Model model) =>
        model.Main.Operators
            .Select((op, i) => (op, i))
            .Where(x => OperatorEmitters.For(x.op.Type) is null)
            .GroupBy(x => x.op.DisplayName, x => x.i)
            .Select(g => g.Count() == 1
                ? $"{g.Key} (operator {g.First()})"
                : $"{g.Key} (operators {string.Join(", ", g.Take(3))}{(g.Count() > 3 ? ", ..." : "")})")
            .ToList();

    /// <summary>Generates the library; throws <see cref="InvalidModelException"/> naming the first thing it cannot generate.</summary>
    public static GeneratedLibrary Generate(Model model, string name, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (name != CNameScope.Sanitize(name))
        {
            throw new ArgumentException($"'{name}' is not a lower-case C identifier (try '{CNameScope.Sanitize(name)}')", nameof(name));
        }

        if (model.Subgraphs.Count == 0)
        {
            throw new InvalidModelException(sourceName, "the model has no subgraph");
        }

        var unsupported = UnsupportedOperators(model);
        if (unsupported.Count > 0)
        {
            throw new InvalidModelException(sourceName, $"the C generator does not support {string.Join(", ", unsupported)}");
        }

        var subgraph = model.Main;
        // The generated C sizes and offsets everything in int32 (as any microcontroller would need), so a tensor of
        // unknown or over 2 GB size can only come from a malformed model.
        var unsized = subgraph.Tensors.Select((t, i) => (Tensor: t, Index: i))
            .FirstOrDefault(t => !t.Tensor.Shape.IsFullyKnown || t.Tensor.Shape.ElementCount > int.MaxValue / Math.Max(1, t.Tensor.Type.ElementSize()));
        if (unsized.Tensor is not null)
        {
            throw new InvalidModelException(sourceName, $"tensor {unsized.Index} ({unsized.Tensor.Name}) has shape {unsized.Tensor.Shape}, which is unknown or over 2 GB");
        }

        var names = new CNameScope();
        names.Reserve(ModelContext.Arena);
        names.Reserve(ModelContext.State);
        names.Reserve(StateReady);
        names.Reserve(name + "_invoke");
        names.Reserve(name + "_reset");
        var inputs = Describe(subgraph, subgraph.Inputs, "input", sourceName);
        var outputs = Describe(subgraph, subgraph.Outputs, "output", sourceName);
        foreach (var parameter in inputs.Concat(outputs))
        {
            names.Reserve(parameter.Parameter);
        }

        var fused = SelectFusions(subgraph);
        var (layout, scratch, parts) = Plan(subgraph, fused);
        var context = new ModelContext(subgraph, layout, scratch, parts, sourceName, names);
        var runs = fused.ToDictionary(f => f.First);
        for (int i = 0; i < subgraph.Operators.Count; i++)
        {
            context.Body.Comment(LayerSummary(subgraph, subgraph.Operators[i], i));
            if (runs.TryGetValue(i, out var run))
            {
                for (int next = i + 1; next < i + run.Count; next++)
                {
                    context.Body.Comment(LayerSummary(subgraph, subgraph.Operators[next], next) + ", fused with the above");
                }

                run.Emit([.. Enumerable.Range(i, run.Count).Select(op => new LayerContext(context, op))]);
                i += run.Count - 1;
                continue;
            }

            OperatorEmitters.For(subgraph.Operators[i].Type)!.Emit(new LayerContext(context, i));
        }

        var files = new List<GeneratedFile>
        {
            new($"{name}.h", Header(name, subgraph, inputs, outputs, layout)),
            new($"{name}.c", Source(name, sourceName, subgraph, context, inputs, outputs)),
        };
        files.AddRange(context.RuntimeFiles.Select(f => new GeneratedFile(f, CRuntime.Read(f))));
        return new GeneratedLibrary(name, files, layout.ArenaBytes, layout.PersistentBytes, inputs, outputs);
    }

    /// <summary>
    /// The operators run fused, in order: every CONV_2D whose output only the ADD after it reads, with that ADD, then
    /// each chain of two convolutions (with the residual ADD after them when it fuses too) that does not make the arena
    /// larger; a chain keeps its second convolution's output alive during the first one, which can cost more than the
    /// first one's output it saves.
    /// </summary>
    private static List<IFusedEmitter> SelectFusions(Subgraph subgraph)
    {
        var chosen = new List<IFusedEmitter>();
        for (int i = 0; i < subgraph.Operators.Count; i++)
        {
            if (FusedConv2DAddEmitter.TryCreate(subgraph, i) is { } pair)
            {
                chosen.Add(pair);
                i++;
            }
        }

        long arena = Plan(subgraph, chosen).Layout.ArenaBytes;
        for (int i = 0; i < subgraph.Operators.Count; i++)
        {
            if (FusedConv2DChainEmitter.TryCreate(subgraph, i) is not { } chain)
            {
                continue;
            }

            var trial = chosen.Where(f => f.First + f.Count <= chain.First || f.First >= chain.First + chain.Count).Append(chain).OrderBy(f => f.First).ToList();
            long trialArena = Plan(subgraph, trial).Layout.ArenaBytes;
            if (trialArena <= arena)
            {
                (chosen, arena) = (trial, trialArena);
            }
        }

        return chosen;
    }

    /// <summary>
    /// Plans the arena: activations, each operator's scratch (im2col rows) during its step, and for each fused run one
    /// scratch as large as its operators' largest need (they run one after another at the run's first step) plus the
    /// bands and windows of its elided tensors. Returns the layout and where each operator's scratch and each elided
    /// tensor's part are in its scratch list.
    /// </summary>
    private static (ArenaLayout Layout, Dictionary<int, int> Scratch, Dictionary<int, int> Parts) Plan(Subgraph subgraph, IReadOnlyList<IFusedEmitter> fused)
    {
        var requests = new List<ScratchRequest>();
        var scratch = new Dictionary<int, int>();
        var runs = fused.ToDictionary(f => f.First);
        for (int i = 0; i < subgraph.Operators.Count; i++)
        {
            int count = runs.TryGetValue(i, out var run) ? run.Count : 1;
            long bytes = Enumerable.Range(i, count)
                .Max(op => OperatorEmitters.For(subgraph.Operators[op].Type)!.ScratchBytes(subgraph, subgraph.Operators[op]));
            if (bytes > 0)
            {
                for (int op = i; op < i + count; op++)
                {
                    scratch[op] = requests.Count;
                }

                requests.Add(new ScratchRequest(i, bytes));
            }

            i += count - 1;
        }

        var parts = new Dictionary<int, int>();
        foreach (var run in fused)
        {
            foreach (var (tensor, bytes) in run.Parts)
            {
                parts[tensor] = requests.Count;
                requests.Add(new ScratchRequest(run.First, bytes));
            }
        }

        var layout = ArenaLayout.Create(
            subgraph, requests, new SearchPlanner(), fusions: [.. fused.SelectMany(f => f.InPlace)], chains: [.. fused.SelectMany(f => f.Chains)]);
        return (layout, scratch, parts);
    }

    private static List<CTensor> Describe(Subgraph subgraph, ValueArray<int> indices, string role, string sourceName)
    {
        var tensors = new List<CTensor>();
        for (int i = 0; i < indices.Count; i++)
        {
            var tensor = subgraph.Tensors[indices[i]];
            if (!CTypes.IsSupported(tensor.Type) || tensor.IsConstant || !tensor.Shape.IsFullyKnown)
            {
                throw new InvalidModelException(sourceName, $"{role} {i} ({tensor.Name}) is {tensor.Type.TfLiteName()}{tensor.Shape}, which the C generator cannot pass");
            }

            tensors.Add(new CTensor(indices.Count == 1 ? role : $"{role}{i}", tensor.Type, tensor.ByteSize));
        }

        return tensors;
    }

    private static string LayerSummary(Subgraph subgraph, Operator op, int index)
    {
        string Tensors(ValueArray<int> list) => string.Join(", ", list.Where(t => t >= 0 && !subgraph.Tensors[t].IsConstant)
            .Select(t => $"{subgraph.Tensors[t].Type.TfLiteName().ToLowerInvariant()}{subgraph.Tensors[t].Shape}"));
        var output = op.Outputs.Count > 0 && op.Outputs[0] >= 0 ? subgraph.Tensors[op.Outputs[0]].Name : "";
        return $"{index}: {op.DisplayName} {Tensors(op.Inputs)} -> {Tensors(op.Outputs)} ({output})";
    }

    private static string Header(string name, Subgraph subgraph, List<CTensor> inputs, List<CTensor> outputs, ArenaLayout layout)
    {
        var guard = name.ToUpperInvariant() + "_H";
        var w = new CWriter();
        w.Comment($"Generated by Mote: the model as a C99 library. Call {name}_invoke; it uses no heap and is not reentrant.");
        w.Line($"#ifndef {guard}");
        w.Line($"#define {guard}");
        w.Line();
        w.Line("#include <stdint.h>");
        w.Line();
        w.Line($"#define {name.ToUpperInvariant()}_ARENA_SIZE {layout.ArenaBytes.ToString(CultureInfo.InvariantCulture)}");
        if (layout.PersistentBytes > 0)
        {
            w.Line($"#define {name.ToUpperInvariant()}_STATE_SIZE {layout.PersistentBytes.ToString(CultureInfo.InvariantCulture)}");
        }

        Constants(w, name, subgraph, subgraph.Inputs, inputs);
        Constants(w, name, subgraph, subgraph.Outputs, outputs);
        w.Line();
        w.Line($"void {name}_invoke({Parameters(inputs, outputs)});");
        w.Line();
        if (layout.PersistentBytes > 0)
        {
            w.Line("/* The model keeps state (its LSTM or SVDF variable tensors) from one invoke to the next, so each input continues");
            w.Line("   the sequence of the ones before. This sets the state back to its initial value, as on a fresh TFLM interpreter:");
            w.Line($"   call it before an input that starts a new sequence (the first {name}_invoke needs no reset). */");
            w.Line($"void {name}_reset(void);");
            w.Line();
        }

        w.Line($"#endif");
        return w.ToString();
    }

    private static void Constants(CWriter w, string name, Subgraph subgraph, ValueArray<int> indices, List<CTensor> tensors)
    {
        for (int i = 0; i < tensors.Count; i++)
        {
            var tensor = subgraph.Tensors[indices[i]];
            var prefix = $"{name}_{tensors[i].Parameter}".ToUpperInvariant();
            w.Line();
            w.Comment($"{tensors[i].Parameter}: {tensor.Name}, {tensor.Type.TfLiteName().ToLowerInvariant()}{tensor.Shape}");
            w.Line($"#define {prefix}_SIZE {tensors[i].ElementCount.ToString(CultureInfo.InvariantCulture)}");
            if (tensor.Quantization is { HasScales: true, IsPerChannel: false } q)
            {
                w.Line($"#define {prefix}_SCALE {CTypes.Float(q.Scales[0])}");
                w.Line($"#define {prefix}_ZERO_POINT {(q.ZeroPoints.Count > 0 ? q.ZeroPoints[0] : 0).ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    private static string Parameters(List<CTensor> inputs, List<CTensor> outputs) =>
        string.Join(", ", inputs.Select(t => $"const {t.CType}* {t.Parameter}").Concat(outputs.Select(t => $"{t.CType}* {t.Parameter}")));

    private static string Source(
        string name, string sourceName, Subgraph subgraph, ModelContext context, List<CTensor> inputs, List<CTensor> outputs)
    {
        var w = new CWriter();
        w.Comment($"Generated by Mote from {Path.GetFileName(sourceName)}: {subgraph.Operators.Count} operators, arena {context.Layout.ArenaBytes} bytes.");
        w.Line();
        w.Line("#include <stddef.h>");
        w.Line("#include <string.h>");
        w.Line();
        w.Line($"#include \"{name}.h\"");
        foreach (var header in context.RuntimeFiles.Where(f => f.EndsWith(".h", StringComparison.Ordinal)))
        {
            w.Line($"#include \"{header}\"");
        }

        w.Line();
        w.Comment("Every activation tensor at the offset Mote's planner gave it.");
        w.Line($"static int8_t {ModelContext.Arena}[{Math.Max(context.Layout.ArenaBytes, 1)}] MOTE_ALIGNED({ArenaLayout.DefaultAlignment});");
        w.Line();
        bool initialStateIsZero = State(w, name, subgraph, context.Layout);
        w.Append(context.Constants);
        w.Line($"void {name}_invoke({Parameters(inputs, outputs)})");
        using (w.Block())
        {
            if (!initialStateIsZero)
            {
                w.Line($"if (!{StateReady})");
                using (w.Block())
                {
                    w.Line($"{name}_reset();");
                }

                w.Line();
            }

            for (int i = 0; i < inputs.Count; i++)
            {
                w.Line($"memcpy({context.TensorRef(subgraph.Inputs[i], inputs[i].Parameter)}, {inputs[i].Parameter}, {inputs[i].ByteSize});");
            }

            w.Line();
            w.Append(context.Body);
            w.Line();
            for (int i = 0; i < outputs.Count; i++)
            {
                w.Line($"memcpy({outputs[i].Parameter}, {context.TensorRef(subgraph.Outputs[i], outputs[i].Parameter)}, {outputs[i].ByteSize});");
            }
        }

        return w.ToString();
    }

    /// <summary>
    /// Writes the state area (the variable tensors at the offsets the planner gave them, outside the arena, so nothing
    /// overwrites them between invocations) and NAME_reset, which fills each with its initial byte as TFLM's
    /// ResetVariableTensors does. Returns whether every initial byte is zero: then static initialisation already gives
    /// the initial state; otherwise NAME_invoke resets once before its first run.
    /// </summary>
    private static bool State(CWriter w, string name, Subgraph subgraph, ArenaLayout layout)
    {
        if (layout.PersistentBytes == 0)
        {
            return true;
        }

        var variables = Enumerable.Range(0, subgraph.Tensors.Count).Where(t => layout.VariableOffset(t) >= 0).ToList();
        bool zero = variables.All(t => Interpreter.VariableFill(subgraph.Tensors[t]) == 0);
        w.Comment("The variable tensors (LSTM and SVDF state), kept from one invoke to the next.");
        w.Line($"static int8_t {ModelContext.State}[{layout.PersistentBytes.ToString(CultureInfo.InvariantCulture)}] MOTE_ALIGNED({ArenaLayout.DefaultAlignment});");
        if (!zero)
        {
            w.Comment("Whether the state holds its initial value: some of it is a nonzero zero point, which static initialisation does not give.");
            w.Line($"static int {StateReady};");
        }

        w.Line();
        w.Line($"void {name}_reset(void)");
        using (w.Block())
        {
            foreach (int t in variables)
            {
                var tensor = subgraph.Tensors[t];
                var offset = layout.VariableOffset(t).ToString(CultureInfo.InvariantCulture);
                var fill = ((sbyte)Interpreter.VariableFill(tensor)).ToString(CultureInfo.InvariantCulture);
                w.Line($"memset({ModelContext.State} + {offset}, {fill}, {tensor.ByteSize.ToString(CultureInfo.InvariantCulture)}); " +
                    $"/* tensor {t}: {tensor.Type.TfLiteName().ToLowerInvariant()}{tensor.Shape} */");
            }

            if (!zero)
            {
                w.Line($"{StateReady} = 1;");
            }
        }

        w.Line();
        return zero;
    }
}
