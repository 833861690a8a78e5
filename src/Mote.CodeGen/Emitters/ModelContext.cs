using System.Globalization;
using Mote.Graph;
using Mote.Runtime.Planning;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// State shared by the emitters of one model: the arena layout, the identifier scope, and the constant arrays
/// already written (a weight tensor read by two operators is emitted once).
/// </summary>
internal sealed class ModelContext
{
    /// <summary>The arena's identifier in the generated source.</summary>
    public const string Arena = "arena";

    /// <summary>The identifier of the area that holds the variable tensors (LSTM and SVDF state) between invocations.</summary>
    public const string State = "state";

    private readonly Dictionary<int, string> _constants = [];
    private readonly Dictionary<string, string> _shared = [];
    private readonly IReadOnlyDictionary<int, int> _scratch;
    private readonly IReadOnlyDictionary<int, int> _parts;
    private readonly List<string> _runtimeFiles = [CRuntime.CommonHeader];

    /// <param name="scratch">For each operator with scratch, the position of its request in the list <paramref name="layout"/> was planned with (fused operators share one).</param>
    /// <param name="parts">
    /// Tensors never stored whole (elided by a fusion), each with the position in that list of the band or window
    /// that holds a part of it at a time.
    /// </param>
    public ModelContext(
        Subgraph subgraph, ArenaLayout layout, IReadOnlyDictionary<int, int> scratch, IReadOnlyDictionary<int, int> parts, string source, CNameScope names)
    {
        Subgraph = subgraph;
        Layout = layout;
        _scratch = scratch;
        _parts = parts;
        Source = source;
        Names = names;
    }

    public Subgraph Subgraph { get; }

    public ArenaLayout Layout { get; }

    public string Source { get; }

    public CNameScope Names { get; }

    public CWriter Constants { get; } = new();

    public CWriter Body { get; } = new(indent: 1);

    /// <summary>The C runtime files the emitted calls need, in first-use order, starting with the common header.</summary>
    public IReadOnlyList<string> RuntimeFiles => _runtimeFiles;

    public void UseRuntime(IEnumerable<string> files) => _runtimeFiles.AddRange(files.Where(f => !_runtimeFiles.Contains(f)).Distinct());

    /// <summary>
    /// A constant array every layer that needs it shares (such as TFLite's sigmoid table), defined on first use under a
    /// name from <paramref name="hint"/>; returns its name.
    /// </summary>
    public string SharedArray(string type, string hint, Func<IReadOnlyList<string>> values)
    {
        if (!_shared.TryGetValue(hint, out var name))
        {
            name = Names.Unique(hint);
            Constants.Array($"static const {type} {name}", values());
            Constants.Line();
            _shared[hint] = name;
        }

        return name;
    }

    /// <summary>
    /// The comment above a constant tensor's array, also above an array made from one (a widened or folded bias), by which
    /// `mote deploy` counts the array as weights.
    /// </summary>
    public void CommentTensor(int tensorIndex)
    {
        var tensor = Subgraph.Tensors[tensorIndex];
        Constants.Comment($"tensor {tensorIndex}: {tensor.Name}, {tensor.Type.TfLiteName().ToLowerInvariant()}{tensor.Shape}");
    }

    /// <summary>An int8_t* expression for the scratch planned for an operator, or NULL when it has none.</summary>
    public string ScratchRef(int operatorIndex) =>
        _scratch.TryGetValue(operatorIndex, out int position)
            ? $"({Arena} + {Layout.ScratchOffset(position).ToString(CultureInfo.InvariantCulture)})"
            : "NULL";

    /// <summary>
    /// An int8_t* expression for an arena tensor (for a tensor never stored whole, its band or window) or a variable
    /// tensor in the state area, or the name of a constant tensor's array, written on first use under a name from
    /// <paramref name="hint"/> (TFLite's fused tensor names are too long to be identifiers).
    /// </summary>
    public string TensorRef(int tensorIndex, string hint)
    {
        var tensor = Subgraph.Tensors[tensorIndex];
        if (tensor.IsVariable)
        {
            // The planner places only variables without initial data (the interpreter cannot run the others either).
            long variable = Layout.VariableOffset(tensorIndex);
            if (variable < 0)
            {
                throw new InvalidModelException(Source, $"tensor {tensorIndex} ({tensor.Name}) is a variable with initial data, which the C generator does not support");
            }

            return $"({State} + {variable.ToString(CultureInfo.InvariantCulture)})";
        }

        if (tensor.Data is { } data)
        {
            if (!_constants.TryGetValue(tensorIndex, out var name))
            {
                name = Names.Unique(hint);
                CommentTensor(tensorIndex);
                Constants.Array($"static const {CTypes.Name(tensor.Type)} {name}", CTypes.Literals(tensor.Type, data.AsSpan()));
                Constants.Line();
                _constants[tensorIndex] = name;
            }

            return name;
        }

        long offset = _parts.TryGetValue(tensorIndex, out int part) ? Layout.ScratchOffset(part) : Layout.TensorOffset(tensorIndex);
        if (offset < 0)
        {
            throw new InvalidModelException(Source, $"tensor {tensorIndex} ({tensor.Name}) has no place in the arena");
        }

        return $"({Arena} + {offset.ToString(CultureInfo.InvariantCulture)})";
    }
}
