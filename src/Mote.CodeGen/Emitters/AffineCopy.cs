using Mote.Graph;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// A copy between two affine views of memory, as mote_copy does it: element (i0, i1, ...) of an index space of
/// <see cref="Dims"/> goes from input start + Σ i·input step to output start + Σ i·output step (in elements).
/// </summary>
internal sealed record AffineCopy(int[] Dims, int[] InputSteps, int[] OutputSteps, int InputStart, int OutputStart)
{
    /// <summary>The most axes mote_copy walks (MOTE_COPY_MAX_RANK).</summary>
    public const int MaxRank = 6;

    public static readonly string[] RuntimeFiles = ["mote_copy.h", "mote_copy.c"];

    /// <summary>Element types the copying operators move (1, 2 or 4 bytes each).</summary>
    public static bool Copies(DataType type) => CTypes.IsSupported(type);

    /// <summary>Its mote_copy_params as a C initializer, for a copy nested in another kernel's parameters.</summary>
    public string Initializer(LayerContext layer, int elementSize) =>
        "{ " + string.Join(", ", Fields(layer, elementSize).Select(f => $".{f.Field} = {f.Value}")) + " }";

    /// <summary>The fields of its mote_copy_params, over the axes <see cref="AxisMerge"/> leaves.</summary>
    public IEnumerable<(string Field, string Value)> Fields(LayerContext layer, int elementSize)
    {
        (int[] dims, int[][] steps) = AxisMerge.Merge(Dims, InputSteps, OutputSteps);
        layer.Require(dims.Length <= MaxRank, $"the copy needs {dims.Length} axes; the C runtime walks at most {MaxRank}");
        return
        [
            ("rank", Int(dims.Length)),
            ("dims", AxisMerge.List(dims)),
            ("input_steps", AxisMerge.List(steps[0])),
            ("output_steps", AxisMerge.List(steps[1])),
            ("input_start", Int(InputStart)),
            ("output_start", Int(OutputStart)),
            ("element_size", Int(elementSize)),
        ];
    }

    /// <summary>Checks a data-movement operator's types: input 0 and output 0 alike and of a type C can hold.</summary>
    public static void RequireCopyable(LayerContext layer)
    {
        var input = layer.Input(0);
        var output = layer.Output(0);
        layer.Require(input.Type == output.Type && Copies(input.Type),
            $"type combination {input.Type.TfLiteName()} → {output.Type.TfLiteName()} is not supported by the C generator");
    }
}
