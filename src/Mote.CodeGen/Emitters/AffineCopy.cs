using System.Globalization;
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

    /// <summary>
    /// The fields of its mote_copy_params. Axes of one element are dropped and neighbouring axes that are contiguous
    /// on both sides merged, so the innermost axis is as long a block copy as the views allow.
    /// </summary>
    public IEnumerable<(string Field, string Value)> Fields(LayerContext layer, int elementSize)
    {
        var axes = new List<(int Dim, int InputStep, int OutputStep)>();
        for (int a = 0; a < Dims.Length; a++)
        {
            if (Dims[a] == 1)
            {
                continue;
            }

            if (axes.Count > 0 && axes[^1] is var (dim, inputStep, outputStep)
                && inputStep == InputSteps[a] * Dims[a] && outputStep == OutputSteps[a] * Dims[a])
            {
                axes[^1] = (dim * Dims[a], InputSteps[a], OutputSteps[a]);
            }
            else
            {
                axes.Add((Dims[a], InputSteps[a], OutputSteps[a]));
            }
        }

        if (axes.Count == 0)
        {
            axes.Add((1, 1, 1));
        }

        layer.Require(axes.Count <= MaxRank, $"the copy needs {axes.Count} axes; the C runtime walks at most {MaxRank}");
        static string List(IEnumerable<int> values) => "{" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "}";
        return
        [
            ("rank", Int(axes.Count)),
            ("dims", List(axes.Select(x => x.Dim))),
            ("input_steps", List(axes.Select(x => x.InputStep))),
            ("output_steps", List(axes.Select(x => x.OutputStep))),
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
