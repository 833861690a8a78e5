using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels.Common;

/// <summary>
/// Eval of the pure data-movement operators (TRANSPOSE, STRIDED_SLICE, PAD): output[i] = input[map[i]], or the fill
/// value where map[i] is −1. The index map is computed once in Prepare. Where the map is mostly contiguous stretches
/// (slices and padding of inner dimensions) it is kept as runs, each one block copy or fill.
/// </summary>
internal sealed class GatherOperation<T> : IOperation
    where T : unmanaged
{
    // Below this mean run length (transposes, strided inner slices) element-by-element copying is faster.
    private const int MinimumMeanRun = 4;

    private readonly int _input;
    private readonly int _output;
    private readonly T _fill;
    private readonly int[]? _map;
    private readonly Run[]? _runs;

    public GatherOperation(int input, int output, int[] map, T fill)
    {
        _input = input;
        _output = output;
        _fill = fill;
        var runs = Runs(map);
        if (runs.Count * MinimumMeanRun <= map.Length)
        {
            _runs = runs.ToArray();
        }
        else
        {
            _map = map;
        }
    }

    // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Eval(TensorBuffers buffers)
    {
        ReadOnlySpan<T> source = buffers.Get<T>(_input);
        var target = buffers.Get<T>(_output);
        if (_runs is not null)
        {
            foreach (var run in _runs)
            {
                var to = target.Slice(run.Target, run.Length);
                if (run.Source >= 0)
                {
                    source.Slice(run.Source, run.Length).CopyTo(to);
                }
                else
                {
                    to.Fill(_fill);
                }
            }

            return;
        }

        var map = _map!;
        for (int i = 0; i < map.Length; i++)
        {
            int from = map[i];
            target[i] = from >= 0 ? source[from] : _fill;
        }
    }

    /// <summary>Splits the map into maximal stretches of consecutive sources (or of fills).</summary>
    private static List<Run> Runs(int[] map)
    {
        var runs = new List<Run>();
        int start = 0;
        for (int i = 1; i <= map.Length; i++)
        {
            bool continues = i < map.Length && (map[i] < 0 ? map[i - 1] < 0 : map[i - 1] >= 0 && map[i] == map[i - 1] + 1);
            if (!continues)
            {
                runs.Add(new Run(map[start] < 0 ? -1 : map[start], start, i - start));
                start = i;
            }
        }

        return runs;
    }

    /// <summary>Output elements [Target, Target + Length) come from input [Source, ...), or are the fill when Source is −1.</summary>
    private readonly record struct Run(int Source, int Target, int Length);
}

/// <summary>Creates a <see cref="GatherOperation{T}"/> of the right element width.</summary>
internal static class Gather
{
    /// <summary>For types whose fill is zero bits, or a quantized zero point (given as an integer).</summary>
    public static IOperation Create(KernelContext context, int[] map, long fillInteger = 0, float fillFloat = 0f)
    {
        var tensor = context.Output(0);
        context.Require(context.Input(0).Type == tensor.Type, $"input and output types differ: {context.Input(0).Type.TfLiteName()} → {tensor.Type.TfLiteName()}");
        context.Require(map.Length == tensor.Shape.ElementCount, $"output {tensor.Shape} does not have the {map.Length} elements the operator produces");
        int input = context.InputIndex(0);
        int output = context.OutputIndex(0);
        return tensor.Type switch
        {
            DataType.Float32 => new GatherOperation<float>(input, output, map, fillFloat),
            DataType.Int8 => new GatherOperation<sbyte>(input, output, map, (sbyte)fillInteger),
            DataType.UInt8 or DataType.Bool => new GatherOperation<byte>(input, output, map, (byte)fillInteger),
            DataType.Int16 => new GatherOperation<short>(input, output, map, (short)fillInteger),
            DataType.Int32 => new GatherOperation<int>(input, output, map, (int)fillInteger),
            DataType.Int64 => new GatherOperation<long>(input, output, map, fillInteger),
            _ => throw context.Unsupported(tensor),
        };
    }

    /// <summary>Row-major strides of a shape.</summary>
    public static int[] Strides(Shape shape)
    {
        var strides = new int[shape.Rank];
        int stride = 1;
        for (int axis = shape.Rank - 1; axis >= 0; axis--)
        {
            strides[axis] = stride;
            stride *= shape[axis];
        }

        return strides;
    }
}
