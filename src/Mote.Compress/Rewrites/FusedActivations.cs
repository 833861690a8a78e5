using Mote.Graph;

namespace Mote.Compress.Rewrites;

/// <summary>Reads and sets the fused activation of the operators whose TFLite options carry one.</summary>
internal static class FusedActivations
{
    /// <summary>The operator's fused activation, or null when its options have none to set.</summary>
    public static Activation? Of(Operator op) => op.Options switch
    {
        Conv2DOptions o => o.Activation,
        DepthwiseConv2DOptions o => o.Activation,
        FullyConnectedOptions o => o.Activation,
        AddSubOptions o when op.Type is OpType.Add or OpType.Sub => o.Activation,
        MulDivOptions o when op.Type is OpType.Mul => o.Activation,
        Pool2DOptions o when op.Type is OpType.AveragePool2D or OpType.MaxPool2D => o.Activation,
        _ => null,
    };

    public static Operator With(Operator op, Activation activation) => op with
    {
        Options = op.Options switch
        {
            Conv2DOptions o => o with { Activation = activation },
            DepthwiseConv2DOptions o => o with { Activation = activation },
            FullyConnectedOptions o => o with { Activation = activation },
            AddSubOptions o => o with { Activation = activation },
            MulDivOptions o => o with { Activation = activation },
            Pool2DOptions o => o with { Activation = activation },
            _ => throw new ArgumentException($"{op.DisplayName} has no fused activation", nameof(op)),
        },
    };

    /// <summary>The fused activation a standalone activation operator can become.</summary>
    public static Activation? Standalone(OpType type) => type switch
    {
        OpType.Relu => Activation.Relu,
        OpType.Relu6 => Activation.Relu6,
        OpType.ReluN1To1 => Activation.ReluN1To1,
        _ => null,
    };
}
