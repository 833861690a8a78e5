using Mote.Graph;

namespace Mote.CodeGen.Emitters;

/// <summary>MAX_POOL_2D, int8 or int16 → mote_maxpool (the window and clamp of AVERAGE_POOL_2D's parameters).</summary>
internal sealed class MaxPool2DEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        layer.UseRuntime("mote_avgpool_s8.h", "mote_values.h", "mote_maxpool.h", "mote_maxpool.c");
        var input = layer.Input(0);
        var output = layer.Output(0);
        layer.Require(input.Type == output.Type && input.Type is DataType.Int8 or DataType.Int16,
            $"type combination {input.Type.TfLiteName()} → {output.Type.TfLiteName()} is not supported (int8 or int16)");
        var parameters = AveragePool2DEmitter.Parameters(layer);
        layer.Body.Line($"mote_maxpool({parameters}, {output.Type.ElementSize()}, {layer.InputRef(0)}, {layer.OutputRef(0)});");
    }
}
