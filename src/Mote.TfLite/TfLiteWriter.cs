using System.Runtime.InteropServices;
using Mote.Graph;
using Mote.TfLite.FlatBuffers;
using static Mote.TfLite.TfLiteSchema;

namespace Mote.TfLite;

/// <summary>
/// Writes a <see cref="Model"/> as a TFLite FlatBuffer that TFLite Micro accepts: schema version 3, identifier TFL3,
/// buffer data aligned to 16 bytes, buffer 0 the empty sentinel, identical constant data, shapes and quantization
/// vectors stored once, operator codes with both deprecated_builtin_code (min(code, 127)) and builtin_code, and
/// operator versions as read from the file or, when unset, as the TFLite converter would choose them
/// (<see cref="OperatorVersions"/>).
/// </summary>
public static class TfLiteWriter
{
    private const int BufferAlignment = 16;
    private const string Source = "model being written";

    public static byte[] Write(Model model)
    {
        GraphChecks.Validate(model, Source);
        var builder = new FlatBufferBuilder(Source, 1 << 16);

        // Buffers first: written back to front, their data ends up at the end of the file, after the graph.
        var buffers = new BufferTable();
        var subgraphData = model.Subgraphs.Select(s => s.Tensors.Select(t => buffers.Add(t.Data)).ToArray()).ToArray();
        var metadataBuffers = model.Metadata.Select(m => buffers.Add(m.Data)).ToArray();
        var bufferOffsets = buffers.Write(builder);

        var codes = new OperatorCodeTable();
        var subgraphs = new int[model.Subgraphs.Count];
        for (var s = 0; s < subgraphs.Length; s++)
        {
            subgraphs[s] = WriteSubgraph(builder, model.Subgraphs[s], subgraphData[s], codes);
        }

        var metadata = new int[model.Metadata.Count];
        for (var i = 0; i < metadata.Length; i++)
        {
            var name = builder.CreateString(model.Metadata[i].Name);
            builder.StartTable(MetadataField.Count);
            builder.AddOffset(MetadataField.Name, name);
            builder.AddInt32(MetadataField.Buffer, metadataBuffers[i]);
            metadata[i] = builder.EndTable();
        }

        var signatures = model.Signatures.Select(s => WriteSignature(builder, s)).ToArray();
        var codesVector = codes.Write(builder);
        var subgraphsVector = builder.CreateOffsetVector(subgraphs);
        var description = model.Description.Length > 0 ? builder.CreateString(model.Description) : 0;
        var buffersVector = builder.CreateOffsetVector(bufferOffsets);
        var metadataVector = metadata.Length > 0 ? builder.CreateOffsetVector(metadata) : 0;
        var signaturesVector = signatures.Length > 0 ? builder.CreateOffsetVector(signatures) : 0;

        builder.StartTable(ModelField.Count);
        builder.AddInt32(ModelField.Version, TfLiteSchema.Version);
        builder.AddOffset(ModelField.OperatorCodes, codesVector);
        builder.AddOffset(ModelField.Subgraphs, subgraphsVector);
        AddOptionalOffset(builder, ModelField.Description, description);
        builder.AddOffset(ModelField.Buffers, buffersVector);
        AddOptionalOffset(builder, ModelField.Metadata, metadataVector);
        AddOptionalOffset(builder, ModelField.SignatureDefs, signaturesVector);
        return builder.Finish(builder.EndTable(), FileIdentifier);
    }

    /// <summary>Writes atomically: to a temporary file in the same folder, then moved over <paramref name="path"/>.</summary>
    public static void WriteFile(Model model, string path) => AtomicFile.WriteAllBytes(path, Write(model));

    private static int WriteSubgraph(FlatBufferBuilder builder, Subgraph graph, int[] tensorBuffers, OperatorCodeTable codes)
    {
        var tensors = new int[graph.Tensors.Count];
        for (var t = 0; t < tensors.Length; t++)
        {
            tensors[t] = WriteTensor(builder, graph.Tensors[t], tensorBuffers[t]);
        }

        var versions = OperatorVersions.Resolve(graph);
        var operators = new int[graph.Operators.Count];
        for (var i = 0; i < operators.Length; i++)
        {
            operators[i] = WriteOperator(builder, graph.Operators[i], codes.IndexOf(graph.Operators[i], versions[i]));
        }

        var tensorsVector = builder.CreateOffsetVector(tensors);
        var inputs = builder.CreateVector(graph.Inputs.AsSpan());
        var outputs = builder.CreateVector(graph.Outputs.AsSpan());
        var operatorsVector = builder.CreateOffsetVector(operators);
        var name = graph.Name.Length > 0 ? builder.CreateString(graph.Name) : 0;

        builder.StartTable(SubgraphField.Count);
        builder.AddOffset(SubgraphField.Tensors, tensorsVector);
        builder.AddOffset(SubgraphField.Inputs, inputs);
        builder.AddOffset(SubgraphField.Outputs, outputs);
        builder.AddOffset(SubgraphField.Operators, operatorsVector);
        AddOptionalOffset(builder, SubgraphField.Name, name);
        return builder.EndTable();
    }

    private static int WriteTensor(FlatBufferBuilder builder, Tensor tensor, int buffer)
    {
        if ((int)tensor.Type is < sbyte.MinValue or > sbyte.MaxValue)
        {
            throw new InvalidModelException(Source, $"tensor '{tensor.Name}': data type {(int)tensor.Type} does not fit TFLite's TensorType");
        }

        var shape = builder.CreateSharedVector(MemoryMarshal.AsBytes(tensor.Shape.Dimensions.AsSpan()), sizeof(int));
        var name = builder.CreateString(tensor.Name);
        var quantization = tensor.Quantization is { } q ? WriteQuantization(builder, q) : 0;
        var signature = tensor.ShapeSignature is { } s ? builder.CreateVector(s.Dimensions.AsSpan()) : 0;

        builder.StartTable(TensorField.Count);
        builder.AddOffset(TensorField.Shape, shape);
        if (tensor.Type != 0)
        {
            builder.AddByte(TensorField.Type, (byte)(sbyte)tensor.Type);
        }

        if (buffer != 0)
        {
            builder.AddInt32(TensorField.Buffer, buffer);
        }

        builder.AddOffset(TensorField.Name, name);
        AddOptionalOffset(builder, TensorField.Quantization, quantization);
        if (tensor.IsVariable)
        {
            builder.AddBool(TensorField.IsVariable, true);
        }

        AddOptionalOffset(builder, TensorField.ShapeSignature, signature);
        return builder.EndTable();
    }

    private static int WriteQuantization(FlatBufferBuilder builder, QuantizationParameters quantization)
    {
        var min = quantization.Min.IsEmpty ? 0 : builder.CreateVector(quantization.Min.AsSpan());
        var max = quantization.Max.IsEmpty ? 0 : builder.CreateVector(quantization.Max.AsSpan());
        // Per-channel zero points are nearly always all zero, and bias scales often repeat: shared, they are written once.
        var scale = builder.CreateSharedVector(MemoryMarshal.AsBytes(quantization.Scales.AsSpan()), sizeof(float));
        var zeroPoint = builder.CreateSharedVector(MemoryMarshal.AsBytes(quantization.ZeroPoints.AsSpan()), sizeof(long));

        builder.StartTable(QuantizationField.Count);
        AddOptionalOffset(builder, QuantizationField.Min, min);
        AddOptionalOffset(builder, QuantizationField.Max, max);
        builder.AddOffset(QuantizationField.Scale, scale);
        builder.AddOffset(QuantizationField.ZeroPoint, zeroPoint);
        if (quantization.Axis != 0)
        {
            builder.AddInt32(QuantizationField.QuantizedDimension, quantization.Axis);
        }

        return builder.EndTable();
    }

    private static int WriteOperator(FlatBufferBuilder builder, Operator op, int opcodeIndex)
    {
        var inputs = builder.CreateVector(op.Inputs.AsSpan());
        var outputs = builder.CreateVector(op.Outputs.AsSpan());
        var (optionsType, options) = BuiltinOptionsMap.Write(builder, op.Type, op.Options, Source);
        var customOptions = op.CustomOptions.IsEmpty ? 0 : builder.CreateVector(op.CustomOptions.AsSpan(), 1);
        var intermediates = op.Intermediates.IsEmpty ? 0 : builder.CreateVector(op.Intermediates.AsSpan());

        builder.StartTable(OperatorField.Count);
        if (opcodeIndex != 0)
        {
            builder.AddInt32(OperatorField.OpcodeIndex, opcodeIndex);
        }

        builder.AddOffset(OperatorField.Inputs, inputs);
        builder.AddOffset(OperatorField.Outputs, outputs);
        if (optionsType != 0)
        {
            builder.AddByte(OperatorField.BuiltinOptionsType, optionsType);
            builder.AddOffset(OperatorField.BuiltinOptions, options);
        }

        AddOptionalOffset(builder, OperatorField.CustomOptions, customOptions);
        AddOptionalOffset(builder, OperatorField.Intermediates, intermediates);
        return builder.EndTable();
    }

    private static int WriteSignature(FlatBufferBuilder builder, SignatureDef signature)
    {
        var inputs = WriteTensorMaps(builder, signature.Inputs);
        var outputs = WriteTensorMaps(builder, signature.Outputs);
        var key = builder.CreateString(signature.Key);
        builder.StartTable(SignatureDefField.Count);
        builder.AddOffset(SignatureDefField.Inputs, inputs);
        builder.AddOffset(SignatureDefField.Outputs, outputs);
        builder.AddOffset(SignatureDefField.SignatureKey, key);
        if (signature.SubgraphIndex != 0)
        {
            builder.AddInt32(SignatureDefField.SubgraphIndex, signature.SubgraphIndex);
        }

        return builder.EndTable();
    }

    private static int WriteTensorMaps(FlatBufferBuilder builder, ValueArray<SignatureTensor> tensors)
    {
        var maps = new int[tensors.Count];
        for (var i = 0; i < maps.Length; i++)
        {
            var name = builder.CreateString(tensors[i].Name);
            builder.StartTable(TensorMapField.Count);
            builder.AddOffset(TensorMapField.Name, name);
            builder.AddInt32(TensorMapField.TensorIndex, tensors[i].TensorIndex);
            maps[i] = builder.EndTable();
        }

        return builder.CreateOffsetVector(maps);
    }

    private static void AddOptionalOffset(FlatBufferBuilder builder, int id, int offset)
    {
        if (offset != 0)
        {
            builder.AddOffset(id, offset);
        }
    }

    /// <summary>The model's buffers: 0 is the empty sentinel, and identical data is stored once.</summary>
    private sealed class BufferTable
    {
        private readonly List<ValueArray<byte>> _data = [ValueArray<byte>.Empty];
        private readonly Dictionary<ValueArray<byte>, int> _indices = [];

        public int Add(ValueArray<byte>? data)
        {
            if (data is not { IsEmpty: false } bytes)
            {
                return 0;
            }

            if (!_indices.TryGetValue(bytes, out var index))
            {
                index = _data.Count;
                _data.Add(bytes);
                _indices.Add(bytes, index);
            }

            return index;
        }

        /// <summary>Writes the Buffer tables in reverse so that the data of buffer 1 comes first in the file.</summary>
        public int[] Write(FlatBufferBuilder builder)
        {
            var offsets = new int[_data.Count];
            for (var i = _data.Count - 1; i >= 0; i--)
            {
                var data = _data[i].IsEmpty ? 0 : builder.CreateVector(_data[i].AsSpan(), 1, BufferAlignment);
                builder.StartTable(BufferField.Count);
                AddOptionalOffset(builder, BufferField.Data, data);
                offsets[i] = builder.EndTable();
            }

            return offsets;
        }
    }

    /// <summary>Operator codes, one per (builtin code, custom code, version) in order of first use.</summary>
    private sealed class OperatorCodeTable
    {
        private readonly List<(OpType Type, string? Custom, int Version)> _codes = [];
        private readonly Dictionary<(OpType, string?, int), int> _indices = [];

        public int IndexOf(Operator op, int version)
        {
            var key = (op.Type, op.Type == OpType.Custom ? op.CustomCode ?? "" : null, version);
            if (!_indices.TryGetValue(key, out var index))
            {
                index = _codes.Count;
                _codes.Add(key);
                _indices.Add(key, index);
            }

            return index;
        }

        public int Write(FlatBufferBuilder builder)
        {
            var offsets = new int[_codes.Count];
            for (var i = 0; i < offsets.Length; i++)
            {
                var (type, custom, version) = _codes[i];
                var customCode = custom is null ? 0 : builder.CreateString(custom);
                builder.StartTable(OperatorCodeField.Count);
                builder.AddByte(OperatorCodeField.DeprecatedBuiltinCode, (byte)Math.Min((int)type, (int)OpType.PlaceholderForGreaterOpCodes));
                AddOptionalOffset(builder, OperatorCodeField.CustomCode, customCode);
                builder.AddInt32(OperatorCodeField.Version, version);
                builder.AddInt32(OperatorCodeField.BuiltinCode, (int)type);
                offsets[i] = builder.EndTable();
            }

            return builder.CreateOffsetVector(offsets);
        }
    }
}
