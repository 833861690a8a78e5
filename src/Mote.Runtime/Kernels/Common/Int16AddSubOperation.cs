using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels.Common;

/// <summary>
/// Int16 ADD/SUB of two tensors of the output's shape, eight elements per step with the vector form of
/// <see cref="QuantizedAddSub{T}"/> and the last few one by one. Each block is read before it is written, so the
/// output may alias an input as in <see cref="BinaryOperation{T, TFunction}"/>.
/// </summary>
internal sealed class Int16AddSubOperation(int a, int b, int output, QuantizedAddSub<short> function) : IOperation
{
    private const int Lanes = 8;

    // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Eval(TensorBuffers buffers)
    {
        ReadOnlySpan<short> first = buffers.Get<short>(a);
        ReadOnlySpan<short> second = buffers.Get<short>(b);
        var target = buffers.Get<short>(output);
        ref short x = ref MemoryMarshal.GetReference(first);
        ref short y = ref MemoryMarshal.GetReference(second);
        ref short z = ref MemoryMarshal.GetReference(target);
        int i = 0;
        for (; i + Lanes <= target.Length; i += Lanes)
        {
            var sum = function.Apply(
                Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref x, (nuint)i)),
                Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref y, (nuint)i)));

            // The lanes are clamped to int16 already; packing puts lanes 0-3 and 4-7 in the first and third quarter.
            var packed = Avx2.Permute4x64(Avx2.PackSignedSaturate(sum, sum).AsInt64(), 0b10_00).AsInt16();
            packed.GetLower().StoreUnsafe(ref z, (nuint)i);
        }

        for (; i < target.Length; i++)
        {
            target[i] = function.Apply(first[i], second[i]);
        }
    }
}
