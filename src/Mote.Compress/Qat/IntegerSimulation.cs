using Mote.Compress.Quantization;
using Mote.Graph;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;

namespace Mote.Compress.Qat;

/// <summary>
/// The quantization simulation evaluated in integers: the int8 values the simulated network computes, operator by
/// operator, with the simulation's own grids (each activation on its observer's scale and zero point, the weights as
/// <see cref="Int8Quantization.Weights"/> rounds them, biases rounded to int32) and the integer arithmetic of TFLite's
/// int8 reference kernels: exact int32 accumulation, fixed-point requantization, averages rounded half away from zero.
/// The float fake-quant forward pass approximates this for training; this is what the exported int8 model must
/// reproduce exactly. It reads the float graph and the network's state, never the exported model.
/// </summary>
public sealed class IntegerSimulation
{
    private readonly Subgraph _graph;
    private readonly Func<int, (float Scale, int ZeroPoint)> _grid;
    private readonly List<Func<Dictionary<int, sbyte[]>, sbyte[]>> _steps = [];
    private readonly List<int> _outputs = [];

    /// <summary>Prepares every operator of <paramref name="qat"/>'s network (weights quantized, multipliers computed) once.</summary>
    public IntegerSimulation(QatNetwork qat)
    {
        _graph = qat.FineTunedFloatModel().Main;
        _grid = tensor =>
        {
            var q = qat.ActivationGrid(tensor);
            return (q.Scales[0], (int)q.ZeroPoints[0]);
        };
        Input = _graph.Inputs[0];
        Output = qat.OutputTensor;
        for (var i = 0; i < _graph.Operators.Count && !_outputs.Contains(Output); i++)
        {
            _steps.Add(Prepare(i, _graph.Operators[i], qat.Quantization));
            _outputs.Add(_graph.Operators[i].Outputs[0]);
        }
    }

    /// <summary>The float graph's input tensor.</summary>
    public int Input { get; }

    /// <summary>The tensor the simulated network ends in (the logits when a final SOFTMAX was left out of training).</summary>
    public int Output { get; }

    /// <summary>The int8 values of <see cref="Output"/> for one float input, quantized on the input's grid first.</summary>
    public sbyte[] Run(ReadOnlySpan<float> input)
    {
        var (scale, zeroPoint) = _grid(Input);
        var quantization = QuantizationParameters.PerTensor(scale, zeroPoint);
        var values = new Dictionary<int, sbyte[]> { [Input] = new sbyte[input.Length] };
        for (var i = 0; i < input.Length; i++)
        {
            values[Input][i] = Int8Quantization.Quantize(input[i], quantization);
        }

        for (var i = 0; i < _steps.Count; i++)
        {
            values[_outputs[i]] = _steps[i](values);
        }

        return values[Output];
    }

    private Func<Dictionary<int, sbyte[]>, sbyte[]> Prepare(int index, Operator op, QuantizationOptions quantization)
    {
        var input = op.Inputs[0];
        var output = op.Outputs[0];
        switch (op.Type, op.Options)
        {
            case (OpType.Conv2D or OpType.DepthwiseConv2D or OpType.FullyConnected, _):
                var layer = new WeightedLayer(_graph, op, _grid(input), _grid(output), quantization.PerChannel(op.Type));
                return values => layer.Run(values[input]);
            case (OpType.MaxPool2D or OpType.AveragePool2D, Pool2DOptions o):
                var pool = new Pool(Window.Of(_graph, op, o.FilterHeight, o.FilterWidth, o.StrideH, o.StrideW, 1, 1), op.Type == OpType.MaxPool2D, Clamp(o.Activation, output));
                return values => pool.Run(values[input]);
            case (OpType.Mean, ReducerOptions { KeepDims: false }) when _graph.Tensors[op.Inputs[1]].ConstantIntegers() is [1, 2]:
                return Mean(input, output);
            case (OpType.Reshape, _):
                return values => values[input];
            case (OpType.Add, AddSubOptions o) when _graph.Tensors[op.Inputs[0]].Shape == _graph.Tensors[op.Inputs[1]].Shape:
                var add = new QuantizedAddSub<sbyte>(_grid(op.Inputs[0]), _grid(op.Inputs[1]), _grid(output), DataType.Int8, o.Activation, subtract: false);
                var (a, b) = (op.Inputs[0], op.Inputs[1]);
                return values => [.. values[a].Zip(values[b], add.Apply)];
            case (OpType.Concatenation, ConcatenationOptions { Activation: Activation.None }):
                return Concatenation(op);
            case (OpType.Logistic or OpType.Tanh, _):
                var (scale, zeroPoint) = _grid(input);
                var sigmoid = new Int8FixedPointActivation(scale, zeroPoint, tanh: op.Type == OpType.Tanh);
                return values => Array.ConvertAll(values[input], sigmoid.Apply);
            case (OpType.Relu, _):
                var relu = Rescaling(input, output, Clamp(Activation.Relu, output));
                return values => Array.ConvertAll(values[input], relu);
            case (OpType.Relu6, _):
                // TFLM's int8 RELU6 clamps on the input's grid and copies; the quantizer gives its output that grid.
                var relu6 = Clamp(Activation.Relu6, input);
                return values => Array.ConvertAll(values[input], v => (sbyte)Math.Clamp(v, relu6.Min, relu6.Max));
            default:
                throw new NotSupportedException($"operator {index} ({op.DisplayName}) has no integer simulation with these options");
        }
    }

    /// <summary>The int8 range a fused activation leaves on the output's grid.</summary>
    private (int Min, int Max) Clamp(Activation activation, int tensor)
    {
        var (scale, zeroPoint) = _grid(tensor);
        return ActivationRange.Quantized(activation, DataType.Int8, scale, zeroPoint);
    }

    /// <summary>
    /// A value moved from one grid to another, as TFLM's int8 QUANTIZE and RELU do: (q − input zero point) times the
    /// fixed-point input/output scale ratio, plus the output zero point, clamped.
    /// </summary>
    private Converter<sbyte, sbyte> Rescaling(int input, int output, (int Min, int Max) clamp)
    {
        var (inputScale, inputZeroPoint) = _grid(input);
        var (outputScale, outputZeroPoint) = _grid(output);
        var multiplier = QuantizedMultiplier.From((double)inputScale / outputScale);
        return v => (sbyte)Math.Clamp(FixedPoint.MultiplyByQuantizedMultiplier(v - inputZeroPoint, multiplier.Multiplier, multiplier.Shift) + outputZeroPoint, clamp.Min, clamp.Max);
    }

    /// <summary>MEAN over height and width: the sum less the zero points, times input/output scale over the count.</summary>
    private Func<Dictionary<int, sbyte[]>, sbyte[]> Mean(int input, int output)
    {
        var shape = _graph.Tensors[input].Shape;
        int count = shape[1] * shape[2], depth = shape[3];
        var (inputScale, inputZeroPoint) = _grid(input);
        var (outputScale, outputZeroPoint) = _grid(output);
        var multiplier = QuantizedMultiplier.ForMean(inputScale, outputScale, count);
        return values =>
        {
            var x = values[input];
            var result = new sbyte[depth];
            for (var c = 0; c < depth; c++)
            {
                var sum = 0;
                for (var p = 0; p < count; p++)
                {
                    sum += x[(p * depth) + c];
                }

                var value = FixedPoint.MultiplyByQuantizedMultiplier(sum - (inputZeroPoint * count), multiplier.Multiplier, multiplier.Shift) + outputZeroPoint;
                result[c] = (sbyte)Math.Clamp(value, sbyte.MinValue, sbyte.MaxValue);
            }

            return result;
        };
    }

    /// <summary>
    /// CONCATENATION on the last axis: the inputs interleaved as they are, except an input on another grid (a fixed
    /// LOGISTIC or TANH output), which the int8 model moves to the output's grid through a QUANTIZE first.
    /// </summary>
    private Func<Dictionary<int, sbyte[]>, sbyte[]> Concatenation(Operator op)
    {
        var output = _graph.Tensors[op.Outputs[0]].Shape;
        var axis = ((ConcatenationOptions)op.Options!).Axis;
        if (axis != -1 && axis != output.Rank - 1)
        {
            throw new NotSupportedException($"{op.DisplayName} on axis {axis}: the integer simulation concatenates on the last axis only");
        }

        var depths = op.Inputs.Select(t => _graph.Tensors[t].Shape[_graph.Tensors[t].Shape.Rank - 1]).ToArray();
        var requantize = op.Inputs.Select(t => _grid(t) == _grid(op.Outputs[0]) ? null : Rescaling(t, op.Outputs[0], (sbyte.MinValue, sbyte.MaxValue))).ToArray();
        return values =>
        {
            var inputs = op.Inputs.Select((t, i) => requantize[i] is { } r ? Array.ConvertAll(values[t], r) : values[t]).ToArray();
            var result = new sbyte[output.ElementCount];
            var rows = result.Length / output[output.Rank - 1];
            var at = 0;
            for (var row = 0; row < rows; row++)
            {
                for (var i = 0; i < depths.Length; i++)
                {
                    inputs[i].AsSpan(row * depths[i], depths[i]).CopyTo(result.AsSpan(at));
                    at += depths[i];
                }
            }

            return result;
        };
    }

    /// <summary>Sizes, strides, dilations and padding of a sliding window over an NHWC tensor of batch 1.</summary>
    private sealed record Window(int InputHeight, int InputWidth, int InputDepth, int OutputHeight, int OutputWidth, int OutputDepth,
        int FilterHeight, int FilterWidth, int StrideH, int StrideW, int DilationH, int DilationW, int PadTop, int PadLeft)
    {
        public static Window Of(Subgraph graph, Operator op, int filterHeight, int filterWidth, int strideH, int strideW, int dilationH, int dilationW)
        {
            var input = graph.Tensors[op.Inputs[0]].Shape;
            var output = graph.Tensors[op.Outputs[0]].Shape;
            return new Window(input[1], input[2], input[3], output[1], output[2], output[3], filterHeight, filterWidth, strideH, strideW, dilationH, dilationW,
                ShapeInference.PaddingBefore(input[1], filterHeight, strideH, dilationH, output[1]),
                ShapeInference.PaddingBefore(input[2], filterWidth, strideW, dilationW, output[2]));
        }
    }

    /// <summary>MAX_POOL_2D, or AVERAGE_POOL_2D over the part of the window inside the image, on one shared grid.</summary>
    private sealed class Pool(Window w, bool max, (int Min, int Max) clamp)
    {
        public sbyte[] Run(sbyte[] x)
        {
            var result = new sbyte[w.OutputHeight * w.OutputWidth * w.InputDepth];
            for (var oy = 0; oy < w.OutputHeight; oy++)
            {
                for (var ox = 0; ox < w.OutputWidth; ox++)
                {
                    int y0 = (oy * w.StrideH) - w.PadTop, x0 = (ox * w.StrideW) - w.PadLeft;
                    int yStart = Math.Max(0, y0), yEnd = Math.Min(w.InputHeight, y0 + w.FilterHeight);
                    int xStart = Math.Max(0, x0), xEnd = Math.Min(w.InputWidth, x0 + w.FilterWidth);
                    var count = (yEnd - yStart) * (xEnd - xStart);
                    for (var c = 0; c < w.InputDepth; c++)
                    {
                        var acc = max ? sbyte.MinValue : 0;
                        for (var y = yStart; y < yEnd; y++)
                        {
                            for (var x1 = xStart; x1 < xEnd; x1++)
                            {
                                var v = x[(((y * w.InputWidth) + x1) * w.InputDepth) + c];
                                acc = max ? Math.Max(acc, v) : acc + v;
                            }
                        }

                        // The integer mean rounds half away from zero, as TFLite's reference average pool does.
                        var value = max ? acc : acc > 0 ? (acc + (count / 2)) / count : (acc - (count / 2)) / count;
                        result[(((oy * w.OutputWidth) + ox) * w.InputDepth) + c] = (sbyte)Math.Clamp(value, clamp.Min, clamp.Max);
                    }
                }
            }

            return result;
        }
    }

    /// <summary>
    /// CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED: int32 sums of (input − zero point) × weight plus the int32 bias,
    /// requantized per output channel with the multipliers TFLite's kernels derive from the same scales.
    /// </summary>
    private sealed class WeightedLayer
    {
        private readonly Operator _op;
        private readonly Window? _window;
        private readonly sbyte[] _weights;
        private readonly int[] _bias;
        private readonly int[] _multipliers;
        private readonly int[] _shifts;
        private readonly int _inputZeroPoint;
        private readonly int _outputZeroPoint;
        private readonly (int Min, int Max) _clamp;
        private readonly int _units;

        public WeightedLayer(Subgraph graph, Operator op, (float Scale, int ZeroPoint) input, (float Scale, int ZeroPoint) output, bool perChannel)
        {
            _op = op;
            var filter = graph.Tensors[op.Inputs[1]];
            var (weights, weightGrid) = Int8Quantization.Weights(filter.DataAs<float>(), filter.Shape, Int8Quantization.ChannelAxis(op.Type), perChannel);
            _weights = weights;
            _units = op.Type == OpType.DepthwiseConv2D ? filter.Shape[3] : filter.Shape[0];
            _bias = op.Inputs.Count > 2 && op.Inputs[2] >= 0
                ? Int8Quantization.Bias(graph.Tensors[op.Inputs[2]].DataAs<float>(), input.Scale, weightGrid).Values
                : new int[_units];
            (_multipliers, _shifts) = op.Type == OpType.FullyConnected && !weightGrid.IsPerChannel
                ? PerTensor(QuantizedMultiplier.ForProduct(input.Scale, weightGrid.Scales[0], output.Scale))
                : QuantizedMultiplier.PerChannel(input.Scale, weightGrid.Scales.AsSpan(), output.Scale, _units);
            _inputZeroPoint = input.ZeroPoint;
            _outputZeroPoint = output.ZeroPoint;
            var activation = op.Options switch
            {
                Conv2DOptions o => o.Activation,
                DepthwiseConv2DOptions o => o.Activation,
                FullyConnectedOptions o => o.Activation,
                _ => Activation.None,
            };
            _clamp = ActivationRange.Quantized(activation, DataType.Int8, output.Scale, output.ZeroPoint);
            _window = op.Options switch
            {
                Conv2DOptions o => Window.Of(graph, op, filter.Shape[1], filter.Shape[2], o.StrideH, o.StrideW, o.DilationH, o.DilationW),
                DepthwiseConv2DOptions o => Window.Of(graph, op, filter.Shape[1], filter.Shape[2], o.StrideH, o.StrideW, o.DilationH, o.DilationW),
                _ => null,
            };
        }

        public sbyte[] Run(sbyte[] x) => _window is not { } w
            ? FullyConnected(x)
            : _op.Type == OpType.Conv2D ? Convolution(x, w) : Depthwise(x, w);

        private sbyte[] FullyConnected(sbyte[] x)
        {
            var depth = _weights.Length / _units;
            var rows = x.Length / depth;
            var result = new sbyte[rows * _units];
            for (var row = 0; row < rows; row++)
            {
                for (var u = 0; u < _units; u++)
                {
                    var acc = _bias[u];
                    for (var k = 0; k < depth; k++)
                    {
                        acc += (x[(row * depth) + k] - _inputZeroPoint) * _weights[(u * depth) + k];
                    }

                    result[(row * _units) + u] = Requantize(acc, u);
                }
            }

            return result;
        }

        /// <summary>Filter [out, height, width, in]; taps in the padding read the zero point and add nothing.</summary>
        private sbyte[] Convolution(sbyte[] x, Window w)
        {
            var result = new sbyte[w.OutputHeight * w.OutputWidth * w.OutputDepth];
            for (var oy = 0; oy < w.OutputHeight; oy++)
            {
                for (var ox = 0; ox < w.OutputWidth; ox++)
                {
                    for (var o = 0; o < w.OutputDepth; o++)
                    {
                        var acc = _bias[o];
                        for (var ky = 0; ky < w.FilterHeight; ky++)
                        {
                            var y = (oy * w.StrideH) - w.PadTop + (ky * w.DilationH);
                            for (var kx = 0; kx < w.FilterWidth; kx++)
                            {
                                var x1 = (ox * w.StrideW) - w.PadLeft + (kx * w.DilationW);
                                if (y < 0 || y >= w.InputHeight || x1 < 0 || x1 >= w.InputWidth)
                                {
                                    continue;
                                }

                                var source = ((y * w.InputWidth) + x1) * w.InputDepth;
                                var tap = (((o * w.FilterHeight) + ky) * w.FilterWidth + kx) * w.InputDepth;
                                for (var c = 0; c < w.InputDepth; c++)
                                {
                                    acc += (x[source + c] - _inputZeroPoint) * _weights[tap + c];
                                }
                            }
                        }

                        result[(((oy * w.OutputWidth) + ox) * w.OutputDepth) + o] = Requantize(acc, o);
                    }
                }
            }

            return result;
        }

        /// <summary>Filter [1, height, width, out]; output channel o reads input channel o / multiplier.</summary>
        private sbyte[] Depthwise(sbyte[] x, Window w)
        {
            var multiplier = w.OutputDepth / w.InputDepth;
            var result = new sbyte[w.OutputHeight * w.OutputWidth * w.OutputDepth];
            for (var oy = 0; oy < w.OutputHeight; oy++)
            {
                for (var ox = 0; ox < w.OutputWidth; ox++)
                {
                    for (var o = 0; o < w.OutputDepth; o++)
                    {
                        var acc = _bias[o];
                        for (var ky = 0; ky < w.FilterHeight; ky++)
                        {
                            var y = (oy * w.StrideH) - w.PadTop + (ky * w.DilationH);
                            for (var kx = 0; kx < w.FilterWidth; kx++)
                            {
                                var x1 = (ox * w.StrideW) - w.PadLeft + (kx * w.DilationW);
                                if (y >= 0 && y < w.InputHeight && x1 >= 0 && x1 < w.InputWidth)
                                {
                                    acc += (x[(((y * w.InputWidth) + x1) * w.InputDepth) + (o / multiplier)] - _inputZeroPoint) * _weights[(((ky * w.FilterWidth) + kx) * w.OutputDepth) + o];
                                }
                            }
                        }

                        result[(((oy * w.OutputWidth) + ox) * w.OutputDepth) + o] = Requantize(acc, o);
                    }
                }
            }

            return result;
        }

        private sbyte Requantize(int accumulator, int channel)
        {
            var at = _multipliers.Length == 1 ? 0 : channel;
            var value = FixedPoint.MultiplyByQuantizedMultiplier(accumulator, _multipliers[at], _shifts[at]) + _outputZeroPoint;
            return (sbyte)Math.Clamp(value, _clamp.Min, _clamp.Max);
        }

        private static (int[] Multipliers, int[] Shifts) PerTensor(QuantizedMultiplier multiplier) => ([multiplier.Multiplier], [multiplier.Shift]);
    }
}
