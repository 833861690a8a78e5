using System.Collections.Immutable;
using Mote.Graph;
using Mote.TfLite.FlatBuffers;
using static Mote.TfLite.TfLiteSchema;

namespace Mote.TfLite;

/// <summary>
/// Reads a TFLite model (schema version 3, identifier TFL3) into the <see cref="Model"/> IR. Every offset, length and
/// index is verified before use; a malformed model gives one <see cref="InvalidModelException"/> naming the source
/// and the problem.
/// </summary>
public static class TfLiteReader
{
    public static Model ReadFile(string path) => Read(File.ReadAllBytes(path), path);

    public static Model Read(ReadOnlyMemory<byte> bytes, string sourceName)
    {
        var reader = new FlatBufferReader(bytes, sourceName);
        var root = reader.ReadRoot(FileIdentifier, "Model");
        var version = root.GetUInt32(ModelField.Version);
        if (version != TfLiteSchema.Version)
        {
            throw reader.Error($"schema version {version} is not supported (TFLite Micro and Mote read version {TfLiteSchema.Version})");
        }

        var buffers = new BufferReader(reader, root.GetTables(ModelField.Buffers, "Buffer"));
        var codes = ReadOperatorCodes(reader, root.GetTables(ModelField.OperatorCodes, "OperatorCode"));
        var subgraphTables = root.GetTables(ModelField.Subgraphs, "SubGraph");
        if (subgraphTables.Count == 0)
        {
            throw reader.Error("the model has no subgraphs");
        }

        var subgraphs = new Subgraph[subgraphTables.Count];
        for (var i = 0; i < subgraphs.Length; i++)
        {
            subgraphs[i] = ReadSubgraph(reader, subgraphTables[i], i, codes, buffers);
        }

        var model = new Model(subgraphs)
        {
            Version = (int)version,
            Description = root.GetString(ModelField.Description) ?? "",
            Metadata = ReadMetadata(root.GetTables(ModelField.Metadata, "Metadata"), buffers),
            Signatures = ReadSignatures(reader, root.GetTables(ModelField.SignatureDefs, "SignatureDef")),
        };
        GraphChecks.Validate(model, sourceName);
        return model;
    }

    private static OperatorCode[] ReadOperatorCodes(FlatBufferReader reader, TableVector tables)
    {
        var codes = new OperatorCode[tables.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            var table = tables[i];

            // TFLite's GetBuiltinCode: the larger of the two fields, as codes ≥ 127 only fit builtin_code.
            var code = Math.Max(table.GetSByte(OperatorCodeField.DeprecatedBuiltinCode), table.GetInt32(OperatorCodeField.BuiltinCode));
            var version = table.GetInt32(OperatorCodeField.Version, 1);
            var custom = table.GetString(OperatorCodeField.CustomCode);
            if (code < 0)
            {
                throw reader.Error($"operator code {i}: invalid builtin code {code}");
            }

            if (version < 1)
            {
                throw reader.Error($"operator code {i} ({((OpType)code).TfLiteName()}): invalid version {version}");
            }

            if (code == (int)OpType.Custom && custom is null)
            {
                throw reader.Error($"operator code {i} is CUSTOM but has no custom_code");
            }

            codes[i] = new OperatorCode((OpType)code, code == (int)OpType.Custom ? custom : null, version);
        }

        return codes;
    }

    private static Subgraph ReadSubgraph(FlatBufferReader reader, Table table, int index, OperatorCode[] codes, BufferReader buffers)
    {
        var tensorTables = table.GetTables(SubgraphField.Tensors, "Tensor");
        var tensors = new Tensor[tensorTables.Count];
        for (var i = 0; i < tensors.Length; i++)
        {
            tensors[i] = ReadTensor(reader, tensorTables[i], buffers);
        }

        var operatorTables = table.GetTables(SubgraphField.Operators, "Operator");
        var operators = new Operator[operatorTables.Count];
        for (var i = 0; i < operators.Length; i++)
        {
            operators[i] = ReadOperator(reader, operatorTables[i], codes, $"subgraph {index} operator {i}");
        }

        return new Subgraph(tensors, operators, table.GetVector<int>(SubgraphField.Inputs), table.GetVector<int>(SubgraphField.Outputs))
        {
            Name = table.GetString(SubgraphField.Name) ?? "",
        };
    }

    private static Tensor ReadTensor(FlatBufferReader reader, Table table, BufferReader buffers)
    {
        var name = table.GetString(TensorField.Name) ?? "";
        if (table.GetTable(TensorField.Sparsity, "SparsityParameters") is not null)
        {
            throw reader.Error($"tensor '{name}': sparse tensors are not supported");
        }

        var signature = table.GetVector<int>(TensorField.ShapeSignature);
        return new Tensor(name, (DataType)table.GetSByte(TensorField.Type), new Shape(table.GetVector<int>(TensorField.Shape)))
        {
            Data = buffers.Get(table.GetUInt32(TensorField.Buffer), $"tensor '{name}'"),
            Quantization = ReadQuantization(reader, table.GetTable(TensorField.Quantization, "QuantizationParameters"), name),
            IsVariable = table.GetBool(TensorField.IsVariable),
            ShapeSignature = signature.Length > 0 ? new Shape(signature) : null,
        };
    }

    private static QuantizationParameters? ReadQuantization(FlatBufferReader reader, Table? table, string tensorName)
    {
        if (table is not { } quantization)
        {
            return null;
        }

        if (quantization.GetByte(QuantizationField.DetailsType) != 0)
        {
            throw reader.Error($"tensor '{tensorName}': custom quantization is not supported");
        }

        var scales = quantization.GetVector<float>(QuantizationField.Scale);
        var zeroPoints = quantization.GetVector<long>(QuantizationField.ZeroPoint);
        var min = quantization.GetVector<float>(QuantizationField.Min);
        var max = quantization.GetVector<float>(QuantizationField.Max);
        if (scales.Length == 0 && zeroPoints.Length == 0 && min.Length == 0 && max.Length == 0)
        {
            return null;
        }

        return new QuantizationParameters(scales, zeroPoints, quantization.GetInt32(QuantizationField.QuantizedDimension), min, max);
    }

    private static Operator ReadOperator(FlatBufferReader reader, Table table, OperatorCode[] codes, string what)
    {
        var opcodeIndex = table.GetUInt32(OperatorField.OpcodeIndex);
        if (opcodeIndex >= codes.Length)
        {
            throw reader.Error($"{what}: operator code index {opcodeIndex} is out of range ({codes.Length} codes)");
        }

        var code = codes[opcodeIndex];
        if (table.GetByte(OperatorField.BuiltinOptions2Type) != 0)
        {
            throw reader.Error($"{what} ({code.Type.TfLiteName()}): builtin_options_2 (StableHLO options) are not supported");
        }

        var optionsType = table.GetByte(OperatorField.BuiltinOptionsType);
        var options = BuiltinOptionsMap.Read(reader, code.Type, optionsType, table.GetTable(OperatorField.BuiltinOptions, "BuiltinOptions"));
        return new Operator(code.Type, table.GetVector<int>(OperatorField.Inputs), table.GetVector<int>(OperatorField.Outputs))
        {
            Options = options,
            Version = code.Version,
            CustomCode = code.CustomCode,
            CustomOptions = ReadCustomOptions(reader, table, what),
            Intermediates = table.GetVector<int>(OperatorField.Intermediates),
        };
    }

    private static ValueArray<byte> ReadCustomOptions(FlatBufferReader reader, Table table, string what)
    {
        // Models over 2 GB keep custom options outside the FlatBuffer, at an offset from the start of the file.
        var offset = table.GetUInt64(OperatorField.LargeCustomOptionsOffset);
        var bytes = offset > 1
            ? External(reader, offset, table.GetUInt64(OperatorField.LargeCustomOptionsSize), $"{what} custom options")
            : table.GetVectorBytes(OperatorField.CustomOptions, 1);
        reader.Spend(bytes.Length, what);
        return new ValueArray<byte>(bytes);
    }

    private static ReadOnlySpan<byte> External(FlatBufferReader reader, ulong offset, ulong size, string what)
    {
        if (offset > (ulong)reader.Length || size > (ulong)reader.Length - offset)
        {
            throw reader.Error($"{what}: {size} bytes at offset {offset} extend past the end of the file ({reader.Length} bytes)");
        }

        return reader.Span.Slice((int)offset, (int)size);
    }

    private static ValueArray<MetadataEntry> ReadMetadata(TableVector tables, BufferReader buffers)
    {
        var entries = new MetadataEntry[tables.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var name = tables[i].GetString(MetadataField.Name) ?? "";
            var data = buffers.Get(tables[i].GetUInt32(MetadataField.Buffer), $"metadata '{name}'");
            entries[i] = new MetadataEntry(name, data ?? ValueArray<byte>.Empty);
        }

        return entries;
    }

    private static ValueArray<SignatureDef> ReadSignatures(FlatBufferReader reader, TableVector tables)
    {
        var signatures = new SignatureDef[tables.Count];
        for (var i = 0; i < signatures.Length; i++)
        {
            var table = tables[i];
            var subgraph = table.GetUInt32(SignatureDefField.SubgraphIndex);
            signatures[i] = new SignatureDef(
                table.GetString(SignatureDefField.SignatureKey) ?? "",
                subgraph > int.MaxValue ? -1 : (int)subgraph,
                ReadTensorMaps(reader, table.GetTables(SignatureDefField.Inputs, "TensorMap")),
                ReadTensorMaps(reader, table.GetTables(SignatureDefField.Outputs, "TensorMap")));
        }

        return signatures;
    }

    private static ValueArray<SignatureTensor> ReadTensorMaps(FlatBufferReader reader, TableVector tables)
    {
        var maps = ImmutableArray.CreateBuilder<SignatureTensor>(tables.Count);
        for (var i = 0; i < tables.Count; i++)
        {
            var index = tables[i].GetUInt32(TensorMapField.TensorIndex);
            var name = tables[i].GetString(TensorMapField.Name) ?? "";
            maps.Add(new SignatureTensor(name, index > int.MaxValue ? throw reader.Error($"signature tensor '{name}': index {index} is out of range") : (int)index));
        }

        return maps.MoveToImmutable();
    }

    private readonly record struct OperatorCode(OpType Type, string? CustomCode, int Version);

    /// <summary>The model's buffers, each copied once however many tensors share it.</summary>
    private sealed class BufferReader(FlatBufferReader reader, TableVector tables)
    {
        private readonly ValueArray<byte>?[] _data = new ValueArray<byte>?[tables.Count];
        private readonly bool[] _loaded = new bool[tables.Count];

        /// <summary>The bytes of buffer <paramref name="index"/>, or null when it is empty (an activation).</summary>
        public ValueArray<byte>? Get(uint index, string user)
        {
            if (index >= _data.Length)
            {
                throw reader.Error($"{user}: buffer index {index} is out of range ({_data.Length} buffers)");
            }

            if (!_loaded[index])
            {
                _data[index] = Load((int)index);
                _loaded[index] = true;
            }

            return _data[index];
        }

        private ValueArray<byte>? Load(int index)
        {
            var table = tables[index];

            // Schema 3c: data of large models may live outside the FlatBuffer, at an offset from the start of the file.
            var offset = table.GetUInt64(BufferField.Offset);
            var bytes = offset > 1
                ? External(reader, offset, table.GetUInt64(BufferField.Size), $"buffer {index}")
                : table.GetVectorBytes(BufferField.Data, 1);
            reader.Spend(bytes.Length, $"buffer {index}");
            return bytes.IsEmpty ? null : new ValueArray<byte>?(new ValueArray<byte>(bytes));
        }
    }
}
