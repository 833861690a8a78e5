using System.Globalization;
using Mote.Graph;
using Mote.Runtime.Planning;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// A CONV_2D whose output only the next operator, an ADD, reads → one mote_conv2d_add_s8 call: the convolution fills
/// a band of output rows at a time and each band is added into the ADD's other input (the skip tensor of a residual
/// block), which becomes the ADD's output. The convolution's output then needs a band of arena instead of a whole
/// tensor; in a residual block that removes one of the three activations alive at its peak.
/// </summary>
internal sealed class FusedConv2DAddEmitter : IFusedEmitter
{
    /// <summary>The C runtime function of the fused pair.</summary>
    public const string Kernel = "mote_conv2d_add_s8";

    /// <summary>The helper that computes some output rows of a convolution, under every banded kernel.</summary>
    public static readonly string[] BandRuntime = ["mote_conv2d_rows_s8.h", "mote_conv2d_rows_s8.c"];

    private FusedConv2DAddEmitter(InPlaceFusion fusion, int bandRows, long bandBytes)
    {
        Fusion = fusion;
        BandRows = bandRows;
        BandBytes = bandBytes;
    }

    /// <summary>The two operators and the buffers they share.</summary>
    public InPlaceFusion Fusion { get; }

    /// <summary>Output rows the convolution computes per band.</summary>
    public int BandRows { get; }

    /// <summary>Arena bytes of the band buffer.</summary>
    public long BandBytes { get; }

    public int First => Fusion.Producer;

    public int Count => 2;

    public IReadOnlyList<InPlaceFusion> InPlace => [Fusion];

    public IReadOnlyList<ChainFusion> Chains => [];

    public IReadOnlyList<(int Tensor, long Bytes)> Parts => [(Fusion.Elided, BandBytes)];

    /// <summary>The fusion of the CONV_2D at <paramref name="conv"/> with the ADD after it, or null when they do not qualify.</summary>
    public static FusedConv2DAddEmitter? TryCreate(Subgraph subgraph, int conv)
    {
        if (conv + 1 < subgraph.Operators.Count && subgraph.Operators[conv].Type == OpType.Conv2D && subgraph.Operators[conv + 1].Type == OpType.Add
            && InPlaceFusion.TryCreate(subgraph, conv) is { } fusion
            && subgraph.Tensors[fusion.Elided] is { Type: DataType.Int8, Shape: { Rank: 4, IsFullyKnown: true } shape })
        {
            int rows = BandRowsFor(shape[1], shape[2]);
            return new FusedConv2DAddEmitter(fusion, rows, (long)rows * shape[2] * shape[3]);
        }

        return null;
    }

    public void Emit(IReadOnlyList<LayerContext> layers)
    {
        var (conv, add) = (layers[0], layers[1]);
        var call = Conv2DEmitter.Prepare(conv);
        var (addParameters, skip) = AddEmitter.InPlaceArguments(add, Fusion.Elided);
        conv.UseRuntime([.. call.RuntimeFiles, .. AddEmitter.RuntimeFiles, .. BandRuntime, Kernel + ".h", Kernel + ".c"]);
        var bandRows = BandRows.ToString(CultureInfo.InvariantCulture);
        conv.Body.Line(
            $"{Kernel}({call.Parameters}, {addParameters}, {bandRows}, {call.Input}, {call.Filter}, {call.Bias}, {call.Scratch}, {call.Output}, {skip});");
    }

    /// <summary>
    /// One output row per band, or two when a row has an odd number of pixels: mote_conv2d_s8 computes pixels in pairs
    /// and would compute the last pixel of every odd band alone. Measured on ic_resnet_int8 (Cortex-M4, -Os): bands of
    /// 1, 2, 4, 8 and 32 rows execute 50.911, 50.907, 50.905, 50.904 and 50.904 M instructions, so the smallest band
    /// costs 0.015% and saves the most arena.
    /// </summary>
    private static int BandRowsFor(int height, int width) => Math.Min(height, width % 2 == 0 ? 1 : 2);
}
