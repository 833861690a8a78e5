using Mote.Graph;

namespace Mote.CodeGen.Emitters;

/// <summary>The operator types the C generator supports, each with its emitter.</summary>
internal static class OperatorEmitters
{
    private static readonly Dictionary<OpType, IOperatorEmitter> s_emitters = new()
    {
        [OpType.Add] = new AddEmitter(subtract: false),
        [OpType.AveragePool2D] = new AveragePool2DEmitter(),
        [OpType.Concatenation] = new ConcatenationEmitter(),
        [OpType.Conv2D] = new Conv2DEmitter(),
        [OpType.DepthwiseConv2D] = new DepthwiseConv2DEmitter(),
        [OpType.Dequantize] = new DequantizeEmitter(),
        [OpType.ExpandDims] = new ReshapeEmitter(),
        [OpType.FullyConnected] = new FullyConnectedEmitter(),
        [OpType.LeakyRelu] = new LeakyReluEmitter(),
        [OpType.Logistic] = new LookupTableEmitter(tanh: false),
        [OpType.MaxPool2D] = new MaxPool2DEmitter(),
        [OpType.Mean] = new MeanEmitter(),
        [OpType.Mul] = new MulEmitter(),
        [OpType.Pad] = new PadEmitter(),
        [OpType.PadV2] = new PadEmitter(),
        [OpType.Quantize] = new QuantizeEmitter(),
        [OpType.Relu] = new ReluEmitter(Activation.Relu),
        [OpType.Relu6] = new ReluEmitter(Activation.Relu6),
        [OpType.Reshape] = new ReshapeEmitter(),
        [OpType.Softmax] = new SoftmaxEmitter(),
        [OpType.Squeeze] = new ReshapeEmitter(),
        [OpType.StridedSlice] = new StridedSliceEmitter(),
        [OpType.Sub] = new AddEmitter(subtract: true),
        [OpType.Svdf] = new SvdfEmitter(),
        [OpType.Tanh] = new LookupTableEmitter(tanh: true),
        [OpType.Transpose] = new TransposeEmitter(),
        [OpType.TransposeConv] = new TransposeConvEmitter(),
        [OpType.UnidirectionalSequenceLstm] = new SequenceLstmEmitter(),
    };

    public static IOperatorEmitter? For(OpType type) => s_emitters.GetValueOrDefault(type);
}
