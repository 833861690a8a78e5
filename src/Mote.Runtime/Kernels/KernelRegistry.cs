using Mote.Graph;
using Mote.Runtime.Kernels.Signal;

namespace Mote.Runtime.Kernels;

/// <summary>Maps each operator type to its kernel's Prepare; anything else is rejected at load time.</summary>
internal static class KernelRegistry
{
    public static IOperation Prepare(KernelContext context) => context.Operator.Type switch
    {
        OpType.Add => AddSubKernel.Prepare(context, subtract: false),
        OpType.AveragePool2D => AveragePool2DKernel.Prepare(context),
        OpType.Cast => CastKernel.Prepare(context),
        OpType.Concatenation => ConcatenationKernel.Prepare(context),
        OpType.Conv2D => Conv2DKernel.Prepare(context),
        OpType.Custom => SignalKernels.Prepare(context),
        OpType.DepthwiseConv2D => DepthwiseConv2DKernel.Prepare(context),
        OpType.Dequantize => DequantizeKernel.Prepare(context),
        OpType.Div => DivKernel.Prepare(context),
        OpType.ExpandDims => ExpandDimsKernel.Prepare(context),
        OpType.FullyConnected => FullyConnectedKernel.Prepare(context),
        OpType.LeakyRelu => LeakyReluKernel.Prepare(context),
        OpType.Logistic => LogisticKernel.Prepare(context),
        OpType.MaxPool2D => MaxPool2DKernel.Prepare(context),
        OpType.Maximum => MinimumMaximumKernel.Prepare(context),
        OpType.Mean => MeanKernel.Prepare(context),
        OpType.Minimum => MinimumMaximumKernel.Prepare(context),
        OpType.Mul => MulKernel.Prepare(context),
        OpType.Pad => PadKernel.Prepare(context),
        OpType.PadV2 => PadKernel.Prepare(context),
        OpType.Quantize => QuantizeKernel.Prepare(context),
        OpType.Relu => ReluKernel.Prepare(context),
        OpType.Relu6 => Relu6Kernel.Prepare(context),
        OpType.Reshape => ReshapeKernel.Prepare(context),
        OpType.Softmax => SoftmaxKernel.Prepare(context),
        OpType.Squeeze => SqueezeKernel.Prepare(context),
        OpType.StridedSlice => StridedSliceKernel.Prepare(context),
        OpType.Sub => AddSubKernel.Prepare(context, subtract: true),
        OpType.Svdf => SvdfKernel.Prepare(context),
        OpType.Tanh => TanhKernel.Prepare(context),
        OpType.Transpose => TransposeKernel.Prepare(context),
        OpType.TransposeConv => TransposeConvKernel.Prepare(context),
        OpType.UnidirectionalSequenceLstm => UnidirectionalSequenceLstmKernel.Prepare(context),
        _ => throw context.Fail("operator is not supported by the interpreter"),
    };
}
