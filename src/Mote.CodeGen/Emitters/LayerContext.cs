using Mote.Graph;
using Mote.Runtime.Kernels;
using Mote.Runtime.Quantization;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// What an operator's emitter sees: its operator and tensors, where each tensor lives in C (an arena offset or a
/// constant array), and the two places it writes to: file-level constants and the body of the entry point.
/// </summary>
internal sealed class LayerContext
{
    private readonly ModelContext _model;

    public LayerContext(ModelContext model, int operatorIndex)
    {
        _model = model;
        OperatorIndex = operatorIndex;
        Operator = model.Subgraph.Operators[operatorIndex];
    }

    public Operator Operator { get; }

    public int OperatorIndex { get; }

    /// <summary>Prefix for this layer's identifiers, e.g. "conv_2d_3".</summary>
    public string Prefix => $"{CNameScope.Sanitize(Operator.Type.TfLiteName())}_{OperatorIndex}";

    public CWriter Constants => _model.Constants;

    public CWriter Body => _model.Body;

    public bool HasInput(int position) => position < Operator.Inputs.Count && Operator.Inputs[position] >= 0;

    public Tensor Input(int position)
    {
        Require(HasInput(position), $"input {position} is missing");
        return _model.Subgraph.Tensors[Operator.Inputs[position]];
    }

    public Tensor Output(int position)
    {
        Require(position < Operator.Outputs.Count && Operator.Outputs[position] >= 0, $"output {position} is missing");
        return _model.Subgraph.Tensors[Operator.Outputs[position]];
    }

    /// <summary>
    /// A C expression for input <paramref name="position"/>: an arena or state pointer, or its constant array (named after
    /// this layer and <paramref name="role"/>, by default what the position holds in a convolution).
    /// </summary>
    public string InputRef(int position, string? role = null) => _model.TensorRef(Operator.Inputs[position], $"{Prefix}_{role ?? Role(position)}");

    public string OutputRef(int position) => _model.TensorRef(Operator.Outputs[position], $"{Prefix}_output");

    /// <summary>The arena offset of input or output tensor <paramref name="tensorIndex"/> (-1 outside the arena).</summary>
    public long ArenaOffset(int tensorIndex) => _model.Layout.TensorOffset(tensorIndex);

    public int InputIndex(int position) => Operator.Inputs[position];

    public int OutputIndex(int position) => Operator.Outputs[position];

    /// <summary>Adds C runtime files (headers before sources) to the library; each file is copied once.</summary>
    public void UseRuntime(params string[] files) => _model.UseRuntime(files);

    /// <summary>A C expression for this operator's arena scratch (see <see cref="IOperatorEmitter.ScratchBytes"/>), or NULL when it has none.</summary>
    public string ScratchRef() => _model.ScratchRef(OperatorIndex);

    /// <summary>A new file-level identifier for this layer, e.g. "conv_2d_3_params".</summary>
    public string Name(string suffix) => _model.Names.Unique($"{Prefix}_{suffix}");

    /// <summary>Writes the comment that marks the next constant array as made from input <paramref name="position"/> (see <see cref="ModelContext.CommentTensor"/>).</summary>
    public void CommentInput(int position) => _model.CommentTensor(InputIndex(position));

    /// <summary>Defines a const int32 array (multipliers, shifts) for this layer and returns its name.</summary>
    public string Int32Array(string suffix, IEnumerable<int> values)
    {
        var name = Name(suffix);
        Constants.Array($"static const int32_t {name}", CTypes.Int32Literals(values));
        return name;
    }

    /// <summary>A constant array shared by every layer that asks for it by the same name; see <see cref="ModelContext.SharedArray"/>.</summary>
    public string SharedArray(string type, string name, Func<IReadOnlyList<string>> values) => _model.SharedArray(type, name, values);

    /// <summary>Defines a const parameter struct for this layer (named after it and <paramref name="suffix"/>) and returns an expression pointing at it.</summary>
    public string Params(string type, IEnumerable<(string Field, string Value)> fields, string suffix = "params")
    {
        var name = Name(suffix);
        Constants.Struct($"static const {type} {name}", fields);
        Constants.Line();
        return "&" + name;
    }

    /// <summary>
    /// What the interpreter's kernels see of this operator, so that an emitter can take the checks and the prepared
    /// values (multipliers, folded biases) from the kernel's own Prepare; its failures name the operator as <see cref="Require"/> does.
    /// </summary>
    public KernelContext KernelContext() => new(_model.Subgraph, OperatorIndex, _model.Source, scratch: [], persistent: []);

    /// <summary>Scale and zero point of a per-tensor quantized tensor, refused unless the scale is positive and the zero point a value of the tensor's type.</summary>
    public (float Scale, int ZeroPoint) Quantization(Tensor tensor)
    {
        var q = tensor.Quantization;
        Require(q is { HasScales: true }, $"tensor {tensor.Name} has no quantization parameters");
        var scale = q!.Scales[0];
        var zeroPoint = q.ZeroPoints.Count > 0 ? q.ZeroPoints[0] : 0;
        (int min, int max) = ActivationRange.TypeRange(tensor.Type);
        Require(float.IsFinite(scale) && scale > 0, $"tensor {tensor.Name} has scale {scale}, not a positive number");
        Require(zeroPoint >= min && zeroPoint <= max, $"tensor {tensor.Name} has zero point {zeroPoint}, outside {tensor.Type.TfLiteName()}");
        return (scale, (int)zeroPoint);
    }

    /// <summary>
    /// The scales of constant weights quantized per tensor or per output channel, refused unless they are positive and
    /// the weights symmetric (zero point 0), as TFLite's int8 specification has them.
    /// </summary>
    public ValueArray<float> WeightScales(Tensor weights, int channels)
    {
        var q = weights.Quantization;
        var scales = q?.Scales ?? default;
        Require(scales.Count == 1 || scales.Count == channels, $"weights have {scales.Count} scales for {channels} output channels");
        Require(scales.All(s => float.IsFinite(s) && s > 0), "weight scales must be positive numbers");
        Require(q!.ZeroPoints.All(z => z == 0), "weights must be symmetric (zero point 0)");
        return scales;
    }

    /// <summary>Refuses the operator unless every listed tensor is int8.</summary>
    public void RequireInt8(params Tensor[] tensors) =>
        Require(tensors.All(t => t.Type == DataType.Int8),
            $"type combination {string.Join(" → ", tensors.Select(t => t.Type.TfLiteName()))} is not supported by the C generator (int8 only)");

    public void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidModelException(_model.Source, $"operator {OperatorIndex} ({Operator.DisplayName}): {problem}");
        }
    }

    // TFLite's operand order: data, weights, bias for every operator with constants the generator supports.
    private static string Role(int position) => position switch
    {
        0 => "input",
        1 => "weights",
        2 => "bias",
        _ => $"input{position}",
    };
}
