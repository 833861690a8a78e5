using Mote.Graph;
using Mote.Runtime.Kernels;
using static Mote.CodeGen.Emitters.ConvLayer;

namespace Mote.CodeGen.Emitters;

/// <summary>
/// SVDF, int8 input and output with an int16 or int8 state → mote_svdf. The checks and the two rescalings come from the
/// interpreter's kernel; the state is a variable tensor in the state area, so it persists between invocations.
/// </summary>
internal sealed class SvdfEmitter : IOperatorEmitter
{
    public void Emit(LayerContext layer)
    {
        layer.UseRuntime("mote_values.h", "mote_svdf.h", "mote_svdf.c");
        var svdf = SvdfKernel.PrepareInteger(layer.KernelContext());
        var s = svdf.Shape;
        var parameters = layer.Params("mote_svdf_params",
        [
            ("batches", Int(s.Batches)),
            ("inputs", Int(s.Inputs)),
            ("units", Int(s.Units)),
            ("rank", Int(s.Rank)),
            ("memory", Int(s.Memory)),
            ("state_size", Int(layer.Input(SvdfKernel.StateTensor).Type.ElementSize())),
            ("input_offset", Int(-svdf.InputZeroPoint)),
            ("state_zero_point", Int(svdf.StateZeroPoint)),
            ("output_offset", Int(svdf.OutputZeroPoint)),
            ("feature_multiplier", Int(svdf.FeatureScale.Multiplier)),
            ("feature_shift", Int(svdf.FeatureScale.Shift)),
            ("output_multiplier", Int(svdf.OutputScale.Multiplier)),
            ("output_shift", Int(svdf.OutputScale.Shift)),
        ]);
        var bias = layer.HasInput(3) ? layer.InputRef(3, "bias") : "NULL";
        layer.Body.Line($"mote_svdf({parameters}, {layer.InputRef(0)}, {layer.InputRef(1, "feature_weights")}, {layer.InputRef(2, "time_weights")}, {bias}, " +
            $"{layer.InputRef(SvdfKernel.StateTensor)}, {layer.OutputRef(0)});");
    }
}
