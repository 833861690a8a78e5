using Mote.Graph;

namespace Mote.CodeGen.Emitters;

/// <summary>The operator types the C generator supports, each with its emitter.</summary>
internal static class OperatorEmitters
{
    private static readonly Dictionary<OpType, IOperatorEmitter> s_emitters = new()
    {
        [OpType.Add] = new AddEmitter(subtract: false),
        [OpType.AveragePool2D] = new AveragePool2DEmitter(),
        [OpType.Conv2D] = new Conv2DEmitter(),
        [OpType.DepthwiseConv2D] = new DepthwiseConv2DEmitter(),
        [OpType.Dequantize] = new DequantizeEmitter(),
        [OpType.FullyConnected] = new FullyConnectedEmitter(),
        [OpType.LeakyRelu] = new LeakyReluEmitter(),
        [OpType.Mean] = new MeanEmitter(),
        [OpType.Pad] = new PadEmitter(),
        [OpType.PadV2] = new PadEmitter(),
        [OpType.Quantize] = new QuantizeEmitter(),
        [OpType.Reshape] = new ReshapeEmitter(),
        [OpType.Softmax] = new SoftmaxEmitter(),
        [OpType.StridedSlice] = new StridedSliceEmitter(),
        [OpType.Sub] = new AddEmitter(subtract: true),
        [OpType.Transpose] = new TransposeEmitter(),
    };

    public static IOperatorEmitter? For(OpType type) => s_emitters.GetValueOrDefault(type);
}
