using Mote.Graph;
using Mote.Runtime.Kernels.Common;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// LOGISTIC or TANH, int8 → mote_lut_s8: the 256 outputs are computed at generation time by the interpreter's
/// fixed-point function (gemmlowp's, as TFLM), so the C only looks them up.
/// </summary>
internal sealed class LookupTableEmitter(bool tanh) : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        layer.UseRuntime("mote_lut_s8.h", "mote_lut_s8.c");
        var input = layer.Input(0);
        var output = layer.Output(0);
        layer.RequireInt8(input, output);
        layer.Require(input.Shape.ElementCount == output.Shape.ElementCount, $"input {input.Shape} and output {output.Shape} sizes differ");
        // TFLM fixes the int8 output quantization; LOGISTIC's kernel checks the zero point, as the interpreter does.
        layer.Require(tanh || layer.Quantization(output).ZeroPoint == sbyte.MinValue, "int8 output zero point must be −128");
        (float scale, int zeroPoint) = layer.Quantization(input);
        var function = new Int8FixedPointActivation(scale, zeroPoint, tanh);
        var table = layer.Name("table");
        layer.Constants.Array($"static const int8_t {table}",
            [.. Enumerable.Range(sbyte.MinValue, 256).Select(v => function.Apply((sbyte)v).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        layer.Constants.Line();
        layer.Body.Line($"mote_lut_s8({table}, {output.Shape.ElementCount}, {layer.InputRef(0)}, {layer.OutputRef(0)});");
    }
}
