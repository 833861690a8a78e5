using Mote.Graph;
using Mote.Runtime.Kernels.Common;

namespace Mote.CodeGen.Emitters;

/// <summary>TRANSPOSE by a constant permutation (output axis i is input axis perm[i]) → mote_copy.</summary>
internal sealed class TransposeEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        layer.UseRuntime(AffineCopy.RuntimeFiles);
        AffineCopy.RequireCopyable(layer);
        var input = layer.Input(0).Shape;
        var output = layer.Output(0);
        int[] perm = ConstantOperand.Ints(layer, 1);
        layer.Require(perm.Length == input.Rank && perm.Order().SequenceEqual(Enumerable.Range(0, input.Rank)),
            $"permutation [{string.Join(",", perm)}] does not fit input {input}");
        int[] dims = [.. perm.Select(p => input[p])];
        layer.Require(output.Shape.Rank == input.Rank && Enumerable.Range(0, dims.Length).All(a => output.Shape[a] == dims[a]),
            $"output {output.Shape} is not input {input} permuted by [{string.Join(",", perm)}]");
        int[] inputStrides = Gather.Strides(input);
        var copy = new AffineCopy(dims, [.. perm.Select(p => inputStrides[p])], Gather.Strides(output.Shape), InputStart: 0, OutputStart: 0);
        var parameters = layer.Params("mote_copy_params", copy.Fields(layer, output.Type.ElementSize()));
        layer.Body.Line($"mote_copy({parameters}, {layer.InputRef(0)}, {layer.OutputRef(0)});");
    }
}
