using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>
/// UNIDIRECTIONAL_SEQUENCE_LSTM, the standard LSTM TFLM runs (no peephole, projection, layer norm or CIFG):
/// int8 activations with an int16 cell state, and float32. The hidden state (input 18) and the cell state (input 19)
/// are variable tensors carried from one Invoke to the next.
/// <para>
/// Per time step and unit, as TFLM's lstm_eval: each gate is FC(input) + FC(hidden) (in the integer case each FC is
/// requantized to int16 Q3.12 and the two are added with saturation), then sigmoid (tanh for the cell gate);
/// cell = forget·cell + input·cellGate, clipped; hidden = tanh(cell)·output. A unit's gates only read the previous
/// hidden state, so each unit is finished at once and written to the output; the new hidden state is copied from
/// the output after the step. This needs none of TFLM's four scratch buffers and gives the same values.
/// </para>
/// </summary>
internal static class UnidirectionalSequenceLstmKernel
{
    public const int HiddenStateTensor = 18;
    public const int CellStateTensor = 19;

    // Gate order within the weight inputs: input, forget, cell, output (inputs 1–4, 5–8 and biases 12–15).
    public const int GateCount = 4;
    public const int InputGate = 0;
    public const int ForgetGate = 1;
    public const int CellGate = 2;
    public const int OutputGate = 3;

    /// <summary>
    /// In the integer LSTM, the gates' pre-activations are Q3.12 (a power-of-two scale), so the lookup-table sigmoid and
    /// tanh take TFLM's default input scaling: ×3, no shift.
    /// </summary>
    public const int GateMultiplier = 3;

    private const int InputTensor = 0;
    private const float GateInputScale = 1f / 4096; // Q3.12
    private const float GateOutputScale = 1f / 32768; // Q0.15

    public static IOperation Prepare(KernelContext context)
    {
        var input = context.Input(InputTensor);
        if (input.Type != DataType.Float32)
        {
            return new IntegerLstm(context, PrepareInteger(context));
        }

        var (size, cellClip) = Check(context);
        var tensors = new[] { input, context.Input(1), context.Input(HiddenStateTensor), context.Input(CellStateTensor), context.Output(0) };
        return tensors.All(t => t.Type == DataType.Float32) ? new FloatLstm(context, size, cellClip) : throw context.Unsupported(tensors);
    }

    /// <summary>
    /// Checks an int8 LSTM (int8 activations and weights, int16 cell state) as TFLM's Prepare does and computes what its
    /// Eval needs; the C generator emits the same values.
    /// </summary>
    public static IntegerLstmData PrepareInteger(KernelContext context)
    {
        var (size, cellClip) = Check(context);
        var input = context.Input(InputTensor);
        var hidden = context.Input(HiddenStateTensor);
        var cell = context.Input(CellStateTensor);
        var output = context.Output(0);
        if ((input.Type, context.Input(1).Type, hidden.Type, cell.Type, output.Type) is not (DataType.Int8, DataType.Int8, DataType.Int8, DataType.Int16, DataType.Int8))
        {
            throw context.Unsupported(input, context.Input(1), hidden, cell, output);
        }

        (float inputScale, int inputZeroPoint) = context.Quantization(input);
        (float hiddenScale, int hiddenZeroPoint) = context.Quantization(hidden);
        (float cellScale, int cellZeroPoint) = context.Quantization(cell);
        context.Require(cellZeroPoint == 0, "the cell state must be symmetric (zero point 0)");
        context.Require(FixedPointActivationInput.IsPowerOfTwo(cellScale, out int cellScalePower), $"cell state scale {cellScale} is not a power of two");

        var gates = new IntegerLstmGate[GateCount];
        for (int gate = 0; gate < GateCount; gate++)
        {
            var inputWeights = context.Constant<sbyte>(1 + gate);
            var recurrentWeights = context.Constant<sbyte>(5 + gate);
            gates[gate] = new IntegerLstmGate(
                inputWeights,
                recurrentWeights,
                FoldZeroPoint(Bias.Int32(context, 12 + gate, size.Units), inputWeights, inputZeroPoint, size.Inputs),
                FoldZeroPoint(new int[size.Units], recurrentWeights, hiddenZeroPoint, size.Units),
                GateScale(context, 1 + gate, inputScale),
                GateScale(context, 5 + gate, hiddenScale));
        }

        // tanh(cell) reads the cell state as Q3.12: a coarser cell scale shifts left, a finer one divides by 2^n.
        int leftShift = 15 + cellScalePower - 3;
        (int tanhMultiplier, int tanhShift) = leftShift >= 0 ? LookupActivations.InputScaling(0, leftShift) : (GateMultiplier, -leftShift);

        // TFLM's CreateInterGateMulParams: the scale product in double over the output scale.
        return new IntegerLstmData(
            size,
            gates,
            QuantizedMultiplier.From((double)GateOutputScale * cellScale / cellScale),
            QuantizedMultiplier.From((double)GateOutputScale * GateOutputScale / cellScale),
            QuantizedMultiplier.From((double)GateOutputScale * GateOutputScale / hiddenScale),
            hiddenZeroPoint,
            cellClip > 0 ? (short)Math.Clamp((double)cellClip / cellScale, short.MinValue, short.MaxValue) : (short)0,
            tanhMultiplier,
            tanhShift);
    }

    /// <summary>The checks every LSTM takes; returns its size and cell clip.</summary>
    private static (LstmSize Size, float CellClip) Check(KernelContext context)
    {
        var options = context.Options<SequenceLstmOptions>();
        context.Require(options.Activation == Activation.Tanh, $"cell gate activation {options.Activation} is not supported (TANH only)");
        context.Require(options.CellClip >= 0, "cell clip must not be negative");
        context.Require(context.InputCount >= 20, $"expected 24 inputs, got {context.InputCount}");
        foreach (int absent in (ReadOnlySpan<int>)[9, 10, 11, 16, 17, 20, 21, 22, 23])
        {
            context.Require(!context.HasInput(absent), $"input {absent} is set: peephole, projection and layer-norm LSTMs are not supported");
        }

        var input = context.Input(InputTensor);
        var hidden = context.Input(HiddenStateTensor);
        var cell = context.Input(CellStateTensor);
        var output = context.Output(0);
        context.Require(hidden.IsVariable && cell.IsVariable, "the hidden and cell states (inputs 18 and 19) must be variable tensors");
        context.Require(input.Shape.Rank == 3 && output.Shape.Rank == 3, $"input {input.Shape} and output {output.Shape} must be 3-D");
        var size = new LstmSize(
            options.TimeMajor ? input.Shape[1] : input.Shape[0],
            options.TimeMajor ? input.Shape[0] : input.Shape[1],
            input.Shape[2],
            output.Shape[2],
            options.TimeMajor);
        context.Require(output.Shape[0] == input.Shape[0] && output.Shape[1] == input.Shape[1]
            && hidden.Shape.ElementCount == (long)size.Batches * size.Units && cell.Shape.ElementCount == (long)size.Batches * size.Units,
            $"shapes do not fit: input {input.Shape}, output {output.Shape}, hidden state {hidden.Shape}, cell state {cell.Shape}");
        for (int gate = 0; gate < GateCount; gate++)
        {
            var inputWeights = context.Input(1 + gate);
            var recurrentWeights = context.Input(5 + gate);
            var bias = context.Input(12 + gate);
            context.Require(inputWeights.Shape == Shape.Of(size.Units, size.Inputs) && recurrentWeights.Shape == Shape.Of(size.Units, size.Units)
                && bias.Shape == Shape.Of(size.Units),
                $"gate {gate}: weights {inputWeights.Shape} and {recurrentWeights.Shape}, bias {bias.Shape} do not fit {size.Units} units of {size.Inputs} inputs");
        }

        return (size, options.CellClip);
    }

    /// <param name="Batches">Sequences in the input.</param>
    /// <param name="Steps">Time steps per sequence.</param>
    /// <param name="Inputs">Features per time step.</param>
    /// <param name="Units">Cells, i.e. the hidden state's size per sequence.</param>
    /// <param name="TimeMajor">Input laid out [time, batch, feature] rather than [batch, time, feature].</param>
    internal readonly record struct LstmSize(int Batches, int Steps, int Inputs, int Units, bool TimeMajor)
    {
        public int StepCount => TimeMajor ? Steps : Batches * Steps;

        /// <summary>
        /// TFLM's step order: time-major input runs every batch row in one step; batch-major input runs each
        /// sequence separately. Gives the first input (and output) row, the first state row and the rows of a step.
        /// </summary>
        public (int InputRow, int StateRow, int Rows) Step(int step) =>
            TimeMajor ? (step * Batches, 0, Batches) : (step, step / Steps, 1);
    }

    /// <summary>What an int8 LSTM's Eval needs besides its tensors: per gate, the two FCs' weights, folded biases and rescalings, then the inter-gate products' rescalings.</summary>
    /// <param name="ForgetTimesCell">forget gate (Q0.15) × cell state to the cell state's scale.</param>
    /// <param name="InputTimesCellGate">input gate × cell gate (both Q0.15) to the cell state's scale.</param>
    /// <param name="OutputTimesTanh">output gate × tanh(cell) (both Q0.15) to the hidden state's scale.</param>
    /// <param name="CellClip">The cell state's clip in its own scale; 0 for none.</param>
    /// <param name="TanhMultiplier">tanh(cell)'s input scaling for <see cref="LookupActivations.Tanh"/>, with <paramref name="TanhShift"/>.</param>
    internal sealed record IntegerLstmData(
        LstmSize Size,
        IntegerLstmGate[] Gates,
        QuantizedMultiplier ForgetTimesCell,
        QuantizedMultiplier InputTimesCellGate,
        QuantizedMultiplier OutputTimesTanh,
        int HiddenZeroPoint,
        short CellClip,
        int TanhMultiplier,
        int TanhShift);

    /// <summary>One gate of an int8 LSTM: FC(input) and FC(hidden), each with its bias and its rescaling to Q3.12.</summary>
    /// <param name="InputBias">The gate's bias minus the input zero point × each weight row's sum.</param>
    /// <param name="RecurrentBias">Minus the hidden state's zero point × each recurrent weight row's sum.</param>
    internal sealed record IntegerLstmGate(
        sbyte[] InputWeights, sbyte[] RecurrentWeights, int[] InputBias, int[] RecurrentBias, QuantizedMultiplier InputScale, QuantizedMultiplier RecurrentScale);

    /// <summary>
    /// Int8 input and hidden state, int16 cell state, int8 weights, int32 biases. Every gate's two FCs are requantized
    /// to Q3.12 (scale 2^-12), the LUT sigmoid/tanh give Q0.15, and the inter-gate products are requantized to the
    /// cell and hidden scales, with TFLM's multipliers and rounding.
    /// </summary>
    private sealed class IntegerLstm : IOperation
    {
        private readonly IntegerLstmData _data;
        private readonly int _input;
        private readonly int _hidden;
        private readonly int _cell;
        private readonly int _output;

        public IntegerLstm(KernelContext context, IntegerLstmData data)
        {
            _data = data;
            _input = context.InputIndex(InputTensor);
            _hidden = context.InputIndex(HiddenStateTensor);
            _cell = context.InputIndex(CellStateTensor);
            _output = context.OutputIndex(0);
        }

        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<sbyte> input = buffers.Get<sbyte>(_input);
            var hidden = buffers.Get<sbyte>(_hidden);
            var cell = buffers.Get<short>(_cell);
            var output = buffers.Get<sbyte>(_output);
            var d = _data;
            var size = d.Size;
            int units = size.Units;
            for (int step = 0; step < size.StepCount; step++)
            {
                (int inputRow, int stateRow, int rows) = size.Step(step);
                for (int r = 0; r < rows; r++)
                {
                    var x = input.Slice((inputRow + r) * size.Inputs, size.Inputs);
                    var h = hidden.Slice((stateRow + r) * units, units);
                    var c = cell.Slice((stateRow + r) * units, units);
                    var o = output.Slice((inputRow + r) * units, units);
                    for (int u = 0; u < units; u++)
                    {
                        int forget = LookupActivations.Logistic(GateInput(ForgetGate, u, x, h), GateMultiplier, 0);
                        int inputGate = LookupActivations.Logistic(GateInput(InputGate, u, x, h), GateMultiplier, 0);
                        int cellGate = LookupActivations.Tanh(GateInput(CellGate, u, x, h), GateMultiplier, 0);
                        int outputGate = LookupActivations.Logistic(GateInput(OutputGate, u, x, h), GateMultiplier, 0);

                        int kept = Saturate16(FixedPoint.MultiplyByQuantizedMultiplier(forget * c[u], d.ForgetTimesCell.Multiplier, d.ForgetTimesCell.Shift));
                        int added = Saturate16(FixedPoint.MultiplyByQuantizedMultiplier(inputGate * cellGate, d.InputTimesCellGate.Multiplier, d.InputTimesCellGate.Shift));
                        int updated = Saturate16(kept + added);
                        if (d.CellClip > 0)
                        {
                            updated = Math.Clamp(updated, -d.CellClip, d.CellClip);
                        }

                        c[u] = (short)updated;
                        int tanh = LookupActivations.Tanh(updated, d.TanhMultiplier, d.TanhShift);
                        int value = FixedPoint.MultiplyByQuantizedMultiplier(tanh * outputGate, d.OutputTimesTanh.Multiplier, d.OutputTimesTanh.Shift) + d.HiddenZeroPoint;
                        o[u] = (sbyte)Math.Clamp(value, sbyte.MinValue, sbyte.MaxValue);
                    }
                }

                output.Slice(inputRow * units, rows * units).CopyTo(hidden.Slice(stateRow * units, rows * units));
            }
        }

        /// <summary>A gate's pre-activation in Q3.12: both FCs requantized and clamped to int16, then added with saturation.</summary>
        private int GateInput(int gate, int unit, ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> h)
        {
            var g = _data.Gates[gate];
            int inputs = x.Length;
            int units = h.Length;
            int fromInput = DotProduct.Int8(g.InputWeights.AsSpan(unit * inputs, inputs), x) + g.InputBias[unit];
            int fromHidden = DotProduct.Int8(g.RecurrentWeights.AsSpan(unit * units, units), h) + g.RecurrentBias[unit];
            return Saturate16(
                Saturate16(FixedPoint.MultiplyByQuantizedMultiplier(fromInput, g.InputScale.Multiplier, g.InputScale.Shift))
                + Saturate16(FixedPoint.MultiplyByQuantizedMultiplier(fromHidden, g.RecurrentScale.Multiplier, g.RecurrentScale.Shift)));
        }

        private static int Saturate16(int value) => Math.Clamp(value, short.MinValue, short.MaxValue);
    }

    private static QuantizedMultiplier GateScale(KernelContext context, int weights, float activationScale)
    {
        var tensor = context.Input(weights);
        var quantization = tensor.Quantization;
        context.Require(quantization is { HasScales: true, IsPerChannel: false } && quantization.ZeroPoints.All(z => z == 0),
            $"weights {tensor.Name} must be quantized per tensor and symmetric");
        return QuantizedMultiplier.ForProduct(activationScale, quantization!.Scales[0], GateInputScale);
    }

    private static int[] FoldZeroPoint(int[] bias, sbyte[] weights, int zeroPoint, int depth)
    {
        for (int u = 0; u < bias.Length; u++)
        {
            bias[u] -= zeroPoint * DotProduct.Sum(weights.AsSpan(u * depth, depth));
        }

        return bias;
    }

    /// <summary>Float32 in TFLM's order: each FC sums its products in sequence and adds its bias, then the two FCs are added.</summary>
    private sealed class FloatLstm : IOperation
    {
        private readonly LstmSize _size;
        private readonly int _input;
        private readonly int _hidden;
        private readonly int _cell;
        private readonly int _output;
        private readonly float[][] _inputWeights = new float[GateCount][];
        private readonly float[][] _recurrentWeights = new float[GateCount][];
        private readonly float[][] _bias = new float[GateCount][];
        private readonly float _cellClip;

        public FloatLstm(KernelContext context, LstmSize size, float cellClip)
        {
            _size = size;
            _input = context.InputIndex(InputTensor);
            _hidden = context.InputIndex(HiddenStateTensor);
            _cell = context.InputIndex(CellStateTensor);
            _output = context.OutputIndex(0);
            _cellClip = cellClip;
            for (int gate = 0; gate < GateCount; gate++)
            {
                _inputWeights[gate] = context.Constant<float>(1 + gate);
                _recurrentWeights[gate] = context.Constant<float>(5 + gate);
                _bias[gate] = Bias.Float(context, 12 + gate, size.Units);
            }
        }

        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<float> input = buffers.Get<float>(_input);
            var hidden = buffers.Get<float>(_hidden);
            var cell = buffers.Get<float>(_cell);
            var output = buffers.Get<float>(_output);
            int units = _size.Units;
            for (int step = 0; step < _size.StepCount; step++)
            {
                (int inputRow, int stateRow, int rows) = _size.Step(step);
                for (int r = 0; r < rows; r++)
                {
                    var x = input.Slice((inputRow + r) * _size.Inputs, _size.Inputs);
                    var h = hidden.Slice((stateRow + r) * units, units);
                    var c = cell.Slice((stateRow + r) * units, units);
                    var o = output.Slice((inputRow + r) * units, units);
                    for (int u = 0; u < units; u++)
                    {
                        float forget = FloatActivations.Logistic(GateInput(ForgetGate, u, x, h));
                        float inputGate = FloatActivations.Logistic(GateInput(InputGate, u, x, h));
                        float cellGate = MathF.Tanh(GateInput(CellGate, u, x, h));
                        float outputGate = FloatActivations.Logistic(GateInput(OutputGate, u, x, h));
                        float updated = (forget * c[u]) + (inputGate * cellGate);
                        if (_cellClip > 0)
                        {
                            updated = Math.Max(Math.Min(_cellClip, updated), -_cellClip);
                        }

                        c[u] = updated;
                        o[u] = MathF.Tanh(updated) * outputGate;
                    }
                }

                output.Slice(inputRow * units, rows * units).CopyTo(hidden.Slice(stateRow * units, rows * units));
            }
        }

        private float GateInput(int gate, int unit, ReadOnlySpan<float> x, ReadOnlySpan<float> h)
        {
            float fromInput = Dot(_inputWeights[gate].AsSpan(unit * x.Length, x.Length), x) + _bias[gate][unit];
            float fromHidden = Dot(_recurrentWeights[gate].AsSpan(unit * h.Length, h.Length), h);
            return fromInput + fromHidden;
        }

        private static float Dot(ReadOnlySpan<float> weights, ReadOnlySpan<float> values)
        {
            float total = 0f;
            for (int i = 0; i < values.Length; i++)
            {
                total += values[i] * weights[i];
            }

            return total;
        }
    }
}
