using System.Numerics;
using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>
/// SVDF (inputs: input, weights_feature, weights_time, optional bias, activation state) with int8 input and output
/// and an int8 or int16 state. Each call shifts the state one step left, writes the new feature projections into its
/// last column, filters the state over time, sums each unit's rank filters and requantizes. As in TFLM's integer
/// kernel, the fused activation is not applied; the output is only clamped to int8.
/// </summary>
internal static class SvdfKernel
{
    public const int StateTensor = 4;

    public static IOperation Prepare(KernelContext context)
    {
        var svdf = PrepareInteger(context);
        return context.Input(StateTensor).Type == DataType.Int16
            ? new IntegerSvdf<short>(context, svdf)
            : new IntegerSvdf<sbyte>(context, svdf);
    }

    /// <summary>
    /// Checks the operator as TFLM's Prepare does and computes what Eval needs; the C generator emits the same values.
    /// The state is int16 with int16 time weights, or int8 with int8 time weights.
    /// </summary>
    public static IntegerSvdfData PrepareInteger(KernelContext context)
    {
        var options = context.Options<SvdfOptions>();
        var input = context.Input(0);
        var weightsFeature = context.Input(1);
        var weightsTime = context.Input(2);
        var state = context.Input(StateTensor);
        var output = context.Output(0);
        context.Require(state.IsVariable, "the activation state (input 4) must be a variable tensor");
        context.Require(input.Shape.Rank == 2 && weightsFeature.Shape.Rank == 2 && weightsTime.Shape.Rank == 2 && output.Shape.Rank == 2,
            "input, weights and output must be 2-D");
        int filters = weightsFeature.Shape[0];
        context.Require(options.Rank > 0 && filters % options.Rank == 0, $"rank {options.Rank} does not divide {filters} filters");
        var shape = new SvdfShape(input.Shape[0], input.Shape[1], filters, filters / options.Rank, weightsTime.Shape[1], options.Rank);
        context.Require(weightsFeature.Shape[1] == shape.Inputs && weightsTime.Shape[0] == filters
            && state.Shape.ElementCount == (long)shape.Batches * shape.Memory * filters
            && output.Shape[0] == shape.Batches && output.Shape[1] == shape.Units,
            $"shapes do not fit: input {input.Shape}, feature weights {weightsFeature.Shape}, time weights {weightsTime.Shape}, state {state.Shape}, output {output.Shape}");
        if ((input.Type, weightsFeature.Type, weightsTime.Type, state.Type, output.Type) is not
            ((DataType.Int8, DataType.Int8, DataType.Int16, DataType.Int16, DataType.Int8) or (DataType.Int8, DataType.Int8, DataType.Int8, DataType.Int8, DataType.Int8)))
        {
            throw context.Unsupported(input, weightsFeature, weightsTime, state, output);
        }

        (float inputScale, int inputZeroPoint) = context.Quantization(input);
        (float stateScale, int stateZeroPoint) = context.Quantization(state);
        (float outputScale, int outputZeroPoint) = context.Quantization(output);
        float featureWeightsScale = context.Quantization(weightsFeature).Scale;
        float timeWeightsScale = context.Quantization(weightsTime).Scale;

        // TFLM forms both effective scales in float before widening to double.
        return new IntegerSvdfData(
            shape,
            inputZeroPoint,
            stateZeroPoint,
            outputZeroPoint,
            QuantizedMultiplier.From(inputScale * featureWeightsScale / stateScale),
            QuantizedMultiplier.From(stateScale * timeWeightsScale / outputScale),
            Bias.Int32(context, 3, shape.Units));
    }

    /// <param name="Filters">Rows of the feature weights: <see cref="Units"/> × <see cref="Rank"/>.</param>
    /// <param name="Memory">Time steps each filter remembers (columns of the time weights and of the state).</param>
    internal readonly record struct SvdfShape(int Batches, int Inputs, int Filters, int Units, int Memory, int Rank);

    /// <summary>What an integer SVDF's Eval needs besides its weights: zero points, the two rescalings and the bias (zeros when absent).</summary>
    /// <param name="FeatureScale">Feature projection (input × feature weights) to the state's scale.</param>
    /// <param name="OutputScale">A unit's filtered sum (state × time weights) to the output's scale.</param>
    internal sealed record IntegerSvdfData(
        SvdfShape Shape, int InputZeroPoint, int StateZeroPoint, int OutputZeroPoint, QuantizedMultiplier FeatureScale, QuantizedMultiplier OutputScale, int[] Bias);

    private sealed class IntegerSvdf<T> : IOperation
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        private readonly IntegerSvdfData _data;
        private readonly int _input;
        private readonly int _state;
        private readonly int _output;
        private readonly sbyte[] _weightsFeature;
        private readonly T[] _weightsTime;
        private readonly int _filterScratch;

        public IntegerSvdf(KernelContext context, IntegerSvdfData data)
        {
            _data = data;
            _input = context.InputIndex(0);
            _state = context.InputIndex(StateTensor);
            _output = context.OutputIndex(0);
            _weightsFeature = context.Constant<sbyte>(1);
            _weightsTime = context.Constant<T>(2);
            _filterScratch = context.RequestScratch((long)data.Shape.Batches * data.Shape.Filters * sizeof(int));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            var s = _data.Shape;
            var featureScale = _data.FeatureScale;
            var outputScale = _data.OutputScale;
            int inputZeroPoint = _data.InputZeroPoint;
            int stateZeroPoint = _data.StateZeroPoint;
            ReadOnlySpan<sbyte> input = buffers.Get<sbyte>(_input);
            var state = buffers.Get<T>(_state);
            var output = buffers.Get<sbyte>(_output);
            var filtered = buffers.Scratch<int>(_filterScratch);
            int stateMin = int.CreateTruncating(T.MinValue);
            int stateMax = int.CreateTruncating(T.MaxValue);

            // Shift the whole state left by one; each filter's newest value then goes into its last column.
            state[1..].CopyTo(state);

            for (int b = 0; b < s.Batches; b++)
            {
                var row = input.Slice(b * s.Inputs, s.Inputs);
                for (int f = 0; f < s.Filters; f++)
                {
                    int dot = 0;
                    var weights = _weightsFeature.AsSpan(f * s.Inputs, s.Inputs);
                    for (int c = 0; c < s.Inputs; c++)
                    {
                        dot += weights[c] * (row[c] - inputZeroPoint);
                    }

                    int value = FixedPoint.MultiplyByQuantizedMultiplier(dot, featureScale.Multiplier, featureScale.Shift) + stateZeroPoint;
                    state[(((b * s.Filters) + f) * s.Memory) + s.Memory - 1] = T.CreateTruncating(Math.Clamp(value, stateMin, stateMax));
                }
            }

            for (int b = 0; b < s.Batches; b++)
            {
                for (int f = 0; f < s.Filters; f++)
                {
                    int sum = 0;
                    int stateBase = ((b * s.Filters) + f) * s.Memory;
                    for (int m = 0; m < s.Memory; m++)
                    {
                        sum += int.CreateTruncating(_weightsTime[(f * s.Memory) + m]) * (int.CreateTruncating(state[stateBase + m]) - stateZeroPoint);
                    }

                    filtered[(b * s.Filters) + f] = sum;
                }

                for (int u = 0; u < s.Units; u++)
                {
                    int acc = _data.Bias[u];
                    for (int r = 0; r < s.Rank; r++)
                    {
                        acc += filtered[(b * s.Filters) + (u * s.Rank) + r];
                    }

                    int value = FixedPoint.MultiplyByQuantizedMultiplier(acc, outputScale.Multiplier, outputScale.Shift) + _data.OutputZeroPoint;
                    output[(b * s.Units) + u] = (sbyte)Math.Clamp(value, sbyte.MinValue, sbyte.MaxValue);
                }
            }
        }
    }
}
