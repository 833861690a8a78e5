using System.Numerics;

namespace Mote.Runtime.Kernels.Common;

/// <summary>Float ADD/SUB/MUL/DIV followed by the fused activation clamp.</summary>
internal readonly struct FloatArithmetic(char operation, float min, float max) : IBinaryFunction<float>
{
    public float Apply(float a, float b)
    {
        float value = operation switch
        {
            '+' => a + b,
            '-' => a - b,
            '*' => a * b,
            _ => a / b,
        };
        return Math.Min(Math.Max(value, min), max);
    }
}

/// <summary>Unquantized integer ADD/SUB/MUL (wrapping, as TFLite's int32 kernels) followed by a clamp.</summary>
internal readonly struct IntegerArithmetic<T>(char operation, T min, T max) : IBinaryFunction<T>
    where T : unmanaged, IBinaryInteger<T>
{
    public T Apply(T a, T b)
    {
        T value = operation switch
        {
            '+' => a + b,
            '-' => a - b,
            _ => a * b,
        };
        return T.Min(T.Max(value, min), max);
    }
}
