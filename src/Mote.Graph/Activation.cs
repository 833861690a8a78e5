namespace Mote.Graph;

/// <summary>Fused activation of an operator; values are TFLite's ActivationFunctionType codes.</summary>
public enum Activation : byte
{
    None = 0,
    Relu = 1,
    ReluN1To1 = 2,
    Relu6 = 3,
    Tanh = 4,
    SignBit = 5,
}

/// <summary>Padding of a convolution or pool; values are TFLite's Padding codes.</summary>
public enum Padding : byte
{
    Same = 0,
    Valid = 1,
}
