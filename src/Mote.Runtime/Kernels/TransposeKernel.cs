using Mote.Runtime.Kernels.Common;

namespace Mote.Runtime.Kernels;

/// <summary>TRANSPOSE by a constant permutation: output axis i is input axis perm[i].</summary>
internal static class TransposeKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var input = context.Input(0).Shape;
        int[] perm = context.ConstantInts(1);
        context.Require(perm.Length == input.Rank && perm.Order().SequenceEqual(Enumerable.Range(0, input.Rank)),
            $"permutation [{string.Join(",", perm)}] does not fit input {input}");
        int[] inputStrides = Gather.Strides(input);
        int[] outputDims = perm.Select(p => input[p]).ToArray();
        var map = new int[input.ElementCount];
        var index = new int[perm.Length];
        for (int i = 0; i < map.Length; i++)
        {
            int from = 0;
            for (int axis = 0; axis < perm.Length; axis++)
            {
                from += index[axis] * inputStrides[perm[axis]];
            }

            map[i] = from;
            for (int axis = perm.Length - 1; axis >= 0 && ++index[axis] == outputDims[axis]; axis--)
            {
                index[axis] = 0;
            }
        }

        return Gather.Create(context, map);
    }
}
