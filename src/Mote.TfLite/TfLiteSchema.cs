namespace Mote.TfLite;

/// <summary>
/// Field ids of the TFLite schema tables (tensorflow/lite/schema/schema.fbs, version 3c) that the reader and the
/// writer both use, so neither carries magic numbers.
/// </summary>
internal static class TfLiteSchema
{
    public const string FileIdentifier = "TFL3";
    public const int Version = 3;

    public static class ModelField
    {
        public const int Version = 0;
        public const int OperatorCodes = 1;
        public const int Subgraphs = 2;
        public const int Description = 3;
        public const int Buffers = 4;
        public const int Metadata = 6;
        public const int SignatureDefs = 7;
        public const int Count = 8;
    }

    public static class OperatorCodeField
    {
        public const int DeprecatedBuiltinCode = 0;
        public const int CustomCode = 1;
        public const int Version = 2;
        public const int BuiltinCode = 3;
        public const int Count = 4;
    }

    public static class SubgraphField
    {
        public const int Tensors = 0;
        public const int Inputs = 1;
        public const int Outputs = 2;
        public const int Operators = 3;
        public const int Name = 4;
        public const int Count = 5;
    }

    public static class TensorField
    {
        public const int Shape = 0;
        public const int Type = 1;
        public const int Buffer = 2;
        public const int Name = 3;
        public const int Quantization = 4;
        public const int IsVariable = 5;
        public const int Sparsity = 6;
        public const int ShapeSignature = 7;
        public const int Count = 8;
    }

    public static class QuantizationField
    {
        public const int Min = 0;
        public const int Max = 1;
        public const int Scale = 2;
        public const int ZeroPoint = 3;
        public const int DetailsType = 4;
        public const int QuantizedDimension = 6;
        public const int Count = 7;
    }

    public static class OperatorField
    {
        public const int OpcodeIndex = 0;
        public const int Inputs = 1;
        public const int Outputs = 2;
        public const int BuiltinOptionsType = 3;
        public const int BuiltinOptions = 4;
        public const int CustomOptions = 5;
        public const int Intermediates = 8;
        public const int LargeCustomOptionsOffset = 9;
        public const int LargeCustomOptionsSize = 10;
        public const int BuiltinOptions2Type = 11;
        public const int Count = 9;
    }

    public static class BufferField
    {
        public const int Data = 0;
        public const int Offset = 1;
        public const int Size = 2;
        public const int Count = 1;
    }

    public static class MetadataField
    {
        public const int Name = 0;
        public const int Buffer = 1;
        public const int Count = 2;
    }

    public static class TensorMapField
    {
        public const int Name = 0;
        public const int TensorIndex = 1;
        public const int Count = 2;
    }

    public static class SignatureDefField
    {
        public const int Inputs = 0;
        public const int Outputs = 1;
        public const int SignatureKey = 2;
        public const int SubgraphIndex = 4;
        public const int Count = 5;
    }
}
