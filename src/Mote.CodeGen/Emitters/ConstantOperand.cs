using Mote.Graph;

namespace Mote.CodeGen.Emitters;

/// <summary>Operands the generator folds into the code: paddings, slice bounds, permutations, axes.</summary>
internal static class ConstantOperand
{
    /// <summary>The values of a constant INT32 or INT64 input.</summary>
    public static int[] Ints(LayerContext layer, int position)
    {
        var values = layer.Input(position).ConstantIntegers();
        layer.Require(values is not null, $"input {position} must be a constant INT32 or INT64 tensor");
        layer.Require(values!.All(v => v is >= int.MinValue and <= int.MaxValue), $"input {position} has values outside the int32 range");
        return [.. values!.Select(v => (int)v)];
    }
}
