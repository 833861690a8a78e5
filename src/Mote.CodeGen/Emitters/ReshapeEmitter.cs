using System.Globalization;

namespace Mote.CodeGen.Emitters;

/// <summary>RESHAPE: nothing when the planner put the output on the input, else one memcpy.</summary>
internal sealed class ReshapeEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        var input = layer.Input(0);
        var output = layer.Output(0);
        layer.Require(input.Type == output.Type && input.ByteSize == output.ByteSize, $"input {input.Shape} and output {output.Shape} sizes differ");
        long inputOffset = layer.ArenaOffset(layer.InputIndex(0));
        if (inputOffset >= 0 && inputOffset == layer.ArenaOffset(layer.OutputIndex(0)))
        {
            layer.Body.Comment("the output shares the input's memory: nothing to do");
            return;
        }

        layer.Body.Line($"memcpy({layer.OutputRef(0)}, {layer.InputRef(0)}, {output.ByteSize.ToString(CultureInfo.InvariantCulture)});");
    }
}
