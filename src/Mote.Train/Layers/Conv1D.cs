using Mote.Data;
using Mote.Graph;

namespace Mote.Train.Layers;

/// <summary>
/// 1-D convolution over [length, channels]: a <see cref="Conv2D"/> of height 1 (the memory layout is the same), which
/// is also how it exports (CONV_2D on a [1, 1, length, channels] view).
/// </summary>
public sealed class Conv1D : Conv2D
{
    public Conv1D(string name, int filters, int kernel, int stride = 1, Padding padding = Padding.Same, int dilation = 1, bool useBias = true)
        : base(name, filters, 1, kernel, 1, stride, padding, 1, dilation, useBias)
    {
    }

    protected override int[] Build(IReadOnlyList<int[]> inputShapes, SeededRandom random)
    {
        var shape = SingleInput(inputShapes, rank: 2);
        var output = base.Build([[1, shape[0], shape[1]]], random);
        return [output[1], output[2]];
    }
}
