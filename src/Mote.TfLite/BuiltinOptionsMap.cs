using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Runtime.InteropServices;
using Mote.Graph;
using Mote.TfLite.FlatBuffers;

namespace Mote.TfLite;

/// <summary>
/// Maps TFLite's BuiltinOptions union (type codes and option tables, schema.fbs) to Mote's typed option records.
/// Every table is first read field by field using its layout below; a table becomes a typed record when Mote models it
/// and it sets no field beyond the modeled ones, an empty table of the operator's own options type becomes
/// <see cref="NoOptions"/>, and anything else stays <see cref="OpaqueOptions"/>, so no operator loses options.
/// </summary>
internal static class BuiltinOptionsMap
{
    // Field layout of each BuiltinOptions table, indexed by union type: 'b' 1-byte scalar, 'i' 4-byte scalar (int,
    // uint or float), 'l' 8-byte scalar, 'v' vector of 4-byte scalars, 's' string. Index 0 is NONE.
    private static readonly string[] s_layouts =
    [
        "",
        "biibiib", // 1 Conv2DOptions
        "biiibii", // 2 DepthwiseConv2DOptions
        "ivv", // 3 ConcatEmbeddingsOptions
        "b", // 4 LSHProjectionOptions
        "biiiib", // 5 Pool2DOptions
        "ibb", // 6 SVDFOptions
        "bb", // 7 RNNOptions
        "bbbbb", // 8 FullyConnectedOptions
        "i", // 9 SoftmaxOptions
        "ib", // 10 ConcatenationOptions
        "bb", // 11 AddOptions
        "b", // 12 L2NormOptions
        "iiii", // 13 LocalResponseNormalizationOptions
        "biibb", // 14 LSTMOptions
        "iibb", // 15 ResizeBilinearOptions
        "i", // 16 CallOptions
        "v", // 17 ReshapeOptions
        "iib", // 18 SkipGramOptions
        "i", // 19 SpaceToDepthOptions
        "b", // 20 EmbeddingLookupSparseOptions
        "b", // 21 MulOptions
        "", // 22 PadOptions
        "ii", // 23 GatherOptions
        "", // 24 BatchToSpaceNDOptions
        "", // 25 SpaceToBatchNDOptions
        "", // 26 TransposeOptions
        "b", // 27 ReducerOptions
        "bb", // 28 SubOptions
        "b", // 29 DivOptions
        "v", // 30 SqueezeOptions
        "bbb", // 31 SequenceRNNOptions
        "iiiiib", // 32 StridedSliceOptions
        "", // 33 ExpOptions
        "", // 34 TopKV2Options
        "i", // 35 SplitOptions
        "", // 36 LogSoftmaxOptions
        "bb", // 37 CastOptions
        "", // 38 DequantizeOptions
        "", // 39 MaximumMinimumOptions
        "b", // 40 ArgMaxOptions
        "", // 41 LessOptions
        "", // 42 NegOptions
        "", // 43 PadV2Options
        "", // 44 GreaterOptions
        "", // 45 GreaterEqualOptions
        "", // 46 LessEqualOptions
        "", // 47 SelectOptions
        "", // 48 SliceOptions
        "biibb", // 49 TransposeConvOptions
        "b", // 50 SparseToDenseOptions
        "", // 51 TileOptions
        "", // 52 ExpandDimsOptions
        "", // 53 EqualOptions
        "", // 54 NotEqualOptions
        "b", // 55 ShapeOptions
        "", // 56 PowOptions
        "b", // 57 ArgMinOptions
        "iiib", // 58 FakeQuantOptions
        "ii", // 59 PackOptions
        "", // 60 LogicalOrOptions
        "i", // 61 OneHotOptions
        "", // 62 LogicalAndOptions
        "", // 63 LogicalNotOptions
        "ii", // 64 UnpackOptions
        "", // 65 FloorDivOptions
        "", // 66 SquareOptions
        "", // 67 ZerosLikeOptions
        "", // 68 FillOptions
        "biibbb", // 69 BidirectionalSequenceLSTMOptions
        "bbbb", // 70 BidirectionalSequenceRNNOptions
        "biibbb", // 71 UnidirectionalSequenceLSTMOptions
        "", // 72 FloorModOptions
        "", // 73 RangeOptions
        "bb", // 74 ResizeNearestNeighborOptions
        "i", // 75 LeakyReluOptions
        "", // 76 SquaredDifferenceOptions
        "b", // 77 MirrorPadOptions
        "", // 78 AbsOptions
        "i", // 79 SplitVOptions
        "b", // 80 UniqueOptions
        "", // 81 ReverseV2Options
        "", // 82 AddNOptions
        "", // 83 GatherNdOptions
        "", // 84 CosOptions
        "", // 85 WhereOptions
        "", // 86 RankOptions
        "ii", // 87 ReverseSequenceOptions
        "", // 88 MatrixDiagOptions
        "", // 89 QuantizeOptions
        "", // 90 MatrixSetDiagOptions
        "", // 91 HardSwishOptions
        "ii", // 92 IfOptions
        "ii", // 93 WhileOptions
        "i", // 94 DepthToSpaceOptions
        "", // 95 NonMaxSuppressionV4Options
        "", // 96 NonMaxSuppressionV5Options
        "", // 97 ScatterNdOptions
        "", // 98 SelectV2Options
        "", // 99 DensifyOptions
        "", // 100 SegmentSumOptions
        "bbb", // 101 BatchMatMulOptions
        "bb", // 102 CumsumOptions
        "i", // 103 CallOnceOptions
        "", // 104 BroadcastToOptions
        "", // 105 Rfft2dOptions
        "biiibiii", // 106 Conv3DOptions
        "ibb", // 107 HashtableOptions
        "", // 108 HashtableFindOptions
        "", // 109 HashtableImportOptions
        "", // 110 HashtableSizeOptions
        "ss", // 111 VarHandleOptions
        "", // 112 ReadVariableOptions
        "", // 113 AssignVariableOptions
        "ll", // 114 RandomOptions
        "v", // 115 BucketizeOptions
        "b", // 116 GeluOptions
        "", // 117 DynamicUpdateSliceOptions
        "", // 118 UnsortedSegmentProdOptions
        "", // 119 UnsortedSegmentMaxOptions
        "", // 120 UnsortedSegmentMinOptions
        "", // 121 UnsortedSegmentSumOptions
        "", // 122 ATan2Options
        "", // 123 SignOptions
        "", // 124 BitcastOptions
        "", // 125 BitwiseXorOptions
        "", // 126 RightShiftOptions
    ];

    // The options type the TFLite converter gives each operator (the BuiltinOptions member named after it).
    private static readonly FrozenDictionary<OpType, int> s_naturalTypes = new Dictionary<OpType, int>
    {
        [OpType.Conv2D] = 1,
        [OpType.DepthwiseConv2D] = 2,
        [OpType.ConcatEmbeddings] = 3,
        [OpType.LshProjection] = 4,
        [OpType.AveragePool2D] = 5,
        [OpType.MaxPool2D] = 5,
        [OpType.L2Pool2D] = 5,
        [OpType.Svdf] = 6,
        [OpType.Rnn] = 7,
        [OpType.FullyConnected] = 8,
        [OpType.Softmax] = 9,
        [OpType.Concatenation] = 10,
        [OpType.Add] = 11,
        [OpType.L2Normalization] = 12,
        [OpType.LocalResponseNormalization] = 13,
        [OpType.Lstm] = 14,
        [OpType.ResizeBilinear] = 15,
        [OpType.Call] = 16,
        [OpType.Reshape] = 17,
        [OpType.SkipGram] = 18,
        [OpType.SpaceToDepth] = 19,
        [OpType.EmbeddingLookupSparse] = 20,
        [OpType.Mul] = 21,
        [OpType.Pad] = 22,
        [OpType.Gather] = 23,
        [OpType.BatchToSpaceNd] = 24,
        [OpType.SpaceToBatchNd] = 25,
        [OpType.Transpose] = 26,
        [OpType.Mean] = 27,
        [OpType.Sum] = 27,
        [OpType.ReduceProd] = 27,
        [OpType.ReduceMax] = 27,
        [OpType.ReduceMin] = 27,
        [OpType.ReduceAny] = 27,
        [OpType.ReduceAll] = 27,
        [OpType.Sub] = 28,
        [OpType.Div] = 29,
        [OpType.Squeeze] = 30,
        [OpType.UnidirectionalSequenceRnn] = 31,
        [OpType.StridedSlice] = 32,
        [OpType.Exp] = 33,
        [OpType.TopkV2] = 34,
        [OpType.Split] = 35,
        [OpType.LogSoftmax] = 36,
        [OpType.Cast] = 37,
        [OpType.Dequantize] = 38,
        [OpType.Maximum] = 39,
        [OpType.Minimum] = 39,
        [OpType.ArgMax] = 40,
        [OpType.Less] = 41,
        [OpType.Neg] = 42,
        [OpType.PadV2] = 43,
        [OpType.Greater] = 44,
        [OpType.GreaterEqual] = 45,
        [OpType.LessEqual] = 46,
        [OpType.Select] = 47,
        [OpType.Slice] = 48,
        [OpType.TransposeConv] = 49,
        [OpType.SparseToDense] = 50,
        [OpType.Tile] = 51,
        [OpType.ExpandDims] = 52,
        [OpType.Equal] = 53,
        [OpType.NotEqual] = 54,
        [OpType.Shape] = 55,
        [OpType.Pow] = 56,
        [OpType.ArgMin] = 57,
        [OpType.FakeQuant] = 58,
        [OpType.Pack] = 59,
        [OpType.LogicalOr] = 60,
        [OpType.OneHot] = 61,
        [OpType.LogicalAnd] = 62,
        [OpType.LogicalNot] = 63,
        [OpType.Unpack] = 64,
        [OpType.FloorDiv] = 65,
        [OpType.Square] = 66,
        [OpType.ZerosLike] = 67,
        [OpType.Fill] = 68,
        [OpType.BidirectionalSequenceLstm] = 69,
        [OpType.BidirectionalSequenceRnn] = 70,
        [OpType.UnidirectionalSequenceLstm] = 71,
        [OpType.FloorMod] = 72,
        [OpType.Range] = 73,
        [OpType.ResizeNearestNeighbor] = 74,
        [OpType.LeakyRelu] = 75,
        [OpType.SquaredDifference] = 76,
        [OpType.MirrorPad] = 77,
        [OpType.Abs] = 78,
        [OpType.SplitV] = 79,
        [OpType.Unique] = 80,
        [OpType.ReverseV2] = 81,
        [OpType.AddN] = 82,
        [OpType.GatherNd] = 83,
        [OpType.Cos] = 84,
        [OpType.Where] = 85,
        [OpType.Rank] = 86,
        [OpType.ReverseSequence] = 87,
        [OpType.MatrixDiag] = 88,
        [OpType.Quantize] = 89,
        [OpType.MatrixSetDiag] = 90,
        [OpType.HardSwish] = 91,
        [OpType.If] = 92,
        [OpType.While] = 93,
        [OpType.DepthToSpace] = 94,
        [OpType.NonMaxSuppressionV4] = 95,
        [OpType.NonMaxSuppressionV5] = 96,
        [OpType.ScatterNd] = 97,
        [OpType.SelectV2] = 98,
        [OpType.Densify] = 99,
        [OpType.SegmentSum] = 100,
        [OpType.BatchMatMul] = 101,
        [OpType.Cumsum] = 102,
        [OpType.CallOnce] = 103,
        [OpType.BroadcastTo] = 104,
        [OpType.Rfft2D] = 105,
        [OpType.Conv3D] = 106,
        [OpType.Conv3DTranspose] = 106,
        [OpType.Hashtable] = 107,
        [OpType.HashtableFind] = 108,
        [OpType.HashtableImport] = 109,
        [OpType.HashtableSize] = 110,
        [OpType.VarHandle] = 111,
        [OpType.ReadVariable] = 112,
        [OpType.AssignVariable] = 113,
        [OpType.RandomStandardNormal] = 114,
        [OpType.RandomUniform] = 114,
        [OpType.Multinomial] = 114,
        [OpType.Bucketize] = 115,
        [OpType.Gelu] = 116,
        [OpType.DynamicUpdateSlice] = 117,
        [OpType.UnsortedSegmentProd] = 118,
        [OpType.UnsortedSegmentMax] = 119,
        [OpType.UnsortedSegmentMin] = 120,
        [OpType.UnsortedSegmentSum] = 121,
        [OpType.Atan2] = 122,
        [OpType.Sign] = 123,
        [OpType.Bitcast] = 124,
        [OpType.BitwiseXor] = 125,
        [OpType.RightShift] = 126,
    }.ToFrozenDictionary();

    private static readonly Codec[] s_codecs =
    [
        Define(1, 6, f => new Conv2DOptions((Padding)f.Byte(0), f.Int(1), f.Int(2), (Activation)f.Byte(3), f.Int(4, 1), f.Int(5, 1)),
            (o, w) => w.Byte(0, (byte)o.Padding).Int(1, o.StrideW).Int(2, o.StrideH).Byte(3, (byte)o.Activation).Int(4, o.DilationW, 1).Int(5, o.DilationH, 1)),
        Define(2, 7, f => new DepthwiseConv2DOptions((Padding)f.Byte(0), f.Int(1), f.Int(2), f.Int(3), (Activation)f.Byte(4), f.Int(5, 1), f.Int(6, 1)),
            (o, w) => w.Byte(0, (byte)o.Padding).Int(1, o.StrideW).Int(2, o.StrideH).Int(3, o.DepthMultiplier).Byte(4, (byte)o.Activation).Int(5, o.DilationW, 1).Int(6, o.DilationH, 1)),
        Define(5, 6, f => new Pool2DOptions((Padding)f.Byte(0), f.Int(1), f.Int(2), f.Int(3), f.Int(4), (Activation)f.Byte(5)),
            (o, w) => w.Byte(0, (byte)o.Padding).Int(1, o.StrideW).Int(2, o.StrideH).Int(3, o.FilterWidth).Int(4, o.FilterHeight).Byte(5, (byte)o.Activation)),
        Define(6, 3, f => new SvdfOptions(f.Int(0), (Activation)f.Byte(1), f.Bool(2)),
            (o, w) => w.Int(0, o.Rank).Byte(1, (byte)o.Activation).Bool(2, o.AsymmetricQuantizeInputs)),
        Define(8, 4, f => new FullyConnectedOptions((Activation)f.Byte(0), (FullyConnectedWeightsFormat)f.Byte(1), f.Bool(2), f.Bool(3)),
            (o, w) => w.Byte(0, (byte)o.Activation).Byte(1, (byte)o.WeightsFormat).Bool(2, o.KeepNumDims).Bool(3, o.AsymmetricQuantizeInputs)),
        Define(9, 1, f => new SoftmaxOptions(f.Float(0)), (o, w) => w.Float(0, o.Beta)),
        Define(10, 2, f => new ConcatenationOptions(f.Int(0), (Activation)f.Byte(1)), (o, w) => w.Int(0, o.Axis).Byte(1, (byte)o.Activation)),
        Define(11, 2, f => new AddSubOptions((Activation)f.Byte(0), f.Bool(1, true)), (o, w) => w.Byte(0, (byte)o.Activation).Bool(1, o.PotScaleInt16, true)),
        Define(28, 2, f => new AddSubOptions((Activation)f.Byte(0), f.Bool(1, true)), (o, w) => w.Byte(0, (byte)o.Activation).Bool(1, o.PotScaleInt16, true)),
        Define(21, 1, f => new MulDivOptions((Activation)f.Byte(0)), (o, w) => w.Byte(0, (byte)o.Activation)),
        Define(29, 1, f => new MulDivOptions((Activation)f.Byte(0)), (o, w) => w.Byte(0, (byte)o.Activation)),
        Define(15, 4, f => new ResizeOptions(f.Bool(2), f.Bool(3)), (o, w) => w.Bool(2, o.AlignCorners).Bool(3, o.HalfPixelCenters)),
        Define(74, 2, f => new ResizeOptions(f.Bool(0), f.Bool(1)), (o, w) => w.Bool(0, o.AlignCorners).Bool(1, o.HalfPixelCenters)),
        Define(17, 1, f => new ReshapeOptions(f.Ints(0)), (o, w) => w.Ints(0, o.NewShape)),
        Define(23, 2, f => new GatherOptions(f.Int(0), f.Int(1)), (o, w) => w.Int(0, o.Axis).Int(1, o.BatchDims)),
        Define(27, 1, f => new ReducerOptions(f.Bool(0)), (o, w) => w.Bool(0, o.KeepDims)),
        Define(30, 1, f => new SqueezeOptions(f.Ints(0)), (o, w) => w.Ints(0, o.SqueezeDims)),
        Define(32, 6, f => new StridedSliceOptions(f.Int(0), f.Int(1), f.Int(2), f.Int(3), f.Int(4), f.Bool(5)),
            (o, w) => w.Int(0, o.BeginMask).Int(1, o.EndMask).Int(2, o.EllipsisMask).Int(3, o.NewAxisMask).Int(4, o.ShrinkAxisMask).Bool(5, o.Offset)),
        Define(35, 1, f => new SplitOptions(f.Int(0)), (o, w) => w.Int(0, o.NumSplits)),
        Define(37, 2, f => new CastOptions((DataType)f.SByte(0), (DataType)f.SByte(1)), (o, w) => w.Type(0, o.InType).Type(1, o.OutType)),
        Define(40, 1, f => new ArgOptions((DataType)f.SByte(0)), (o, w) => w.Type(0, o.OutputType)),
        Define(57, 1, f => new ArgOptions((DataType)f.SByte(0)), (o, w) => w.Type(0, o.OutputType)),
        Define(49, 4, f => new TransposeConvOptions((Padding)f.Byte(0), f.Int(1), f.Int(2), (Activation)f.Byte(3)),
            (o, w) => w.Byte(0, (byte)o.Padding).Int(1, o.StrideW).Int(2, o.StrideH).Byte(3, (byte)o.Activation)),
        Define(55, 1, f => new ShapeOptions((DataType)f.SByte(0)), (o, w) => w.Type(0, o.OutType)),
        Define(59, 2, f => new PackOptions(f.Int(0), f.Int(1)), (o, w) => w.Int(0, o.ValuesCount).Int(1, o.Axis)),
        Define(64, 2, f => new UnpackOptions(f.Int(0), f.Int(1)), (o, w) => w.Int(0, o.Num).Int(1, o.Axis)),
        Define(71, 6, f => new SequenceLstmOptions((Activation)f.Byte(0), f.Float(1), f.Float(2), f.Bool(3), f.Bool(4), f.Bool(5)),
            (o, w) => w.Byte(0, (byte)o.Activation).Float(1, o.CellClip).Float(2, o.ProjClip).Bool(3, o.TimeMajor).Bool(4, o.AsymmetricQuantizeInputs).Bool(5, o.DiagonalRecurrentTensors)),
        Define(75, 1, f => new LeakyReluOptions(f.Float(0)), (o, w) => w.Float(0, o.Alpha)),
        Define(77, 1, f => new MirrorPadOptions((MirrorPadMode)f.Byte(0)), (o, w) => w.Byte(0, (byte)o.Mode)),
        Define(101, 3, f => new BatchMatMulOptions(f.Bool(0), f.Bool(1), f.Bool(2)), (o, w) => w.Bool(0, o.AdjX).Bool(1, o.AdjY).Bool(2, o.AsymmetricQuantizeInputs)),
    ];

    private static readonly FrozenDictionary<int, Codec> s_codecsByUnionType = s_codecs.ToFrozenDictionary(c => c.UnionType);

    /// <summary>Reads the options table of an operator whose builtin_options_type is <paramref name="unionType"/>.</summary>
    public static OperatorOptions Read(FlatBufferReader reader, OpType type, byte unionType, Table? table)
    {
        if (unionType == 0 || table is not { } options)
        {
            return NoOptions.Instance;
        }

        if (unionType >= s_layouts.Length)
        {
            throw reader.Error($"{type.TfLiteName()} has unknown builtin options type {unionType}");
        }

        var layout = s_layouts[unionType];
        var fields = new ValueArray<byte>[layout.Length];
        for (var id = 0; id < layout.Length; id++)
        {
            fields[id] = new ValueArray<byte>(layout[id] switch
            {
                'b' => options.GetScalarBytes(id, 1),
                'i' => options.GetScalarBytes(id, 4),
                'l' => options.GetScalarBytes(id, 8),
                'v' => options.GetVectorBytes(id, 4),
                _ => options.GetStringBytes(id),
            });
        }

        return FromFields(type, unionType, fields);
    }

    /// <summary>The typed record for these fields when Mote models all the fields set, else NoOptions or opaque.</summary>
    public static OperatorOptions FromFields(OpType type, int unionType, ValueArray<ValueArray<byte>> fields)
    {
        if (s_codecsByUnionType.TryGetValue(unionType, out var codec) && !SetsFieldBeyond(fields, codec.ModeledFields))
        {
            return codec.Read(new OptionFields(fields));
        }

        if (s_layouts[unionType].Length == 0 && NaturalUnionType(type) == unionType)
        {
            return NoOptions.Instance;
        }

        return new OpaqueOptions(unionType, fields);
    }

    /// <summary>Writes the options table of an operator; returns its union type and offset, or (0, 0) for none.</summary>
    public static (byte UnionType, int Offset) Write(FlatBufferBuilder builder, OpType type, OperatorOptions options, string source)
    {
        var (unionType, fields) = ToFields(type, options, source);
        if (unionType == 0)
        {
            return (0, 0);
        }

        var layout = s_layouts[unionType];
        var offsets = new int[layout.Length];
        for (var id = 0; id < fields.Count; id++)
        {
            if (layout[id] is 'v' or 's' && !fields[id].IsEmpty)
            {
                offsets[id] = layout[id] == 'v' ? builder.CreateVector(fields[id].AsSpan(), 4) : builder.CreateString(fields[id].AsSpan());
            }
        }

        builder.StartTable(layout.Length);
        for (var id = 0; id < fields.Count; id++)
        {
            if (offsets[id] != 0)
            {
                builder.AddOffset(id, offsets[id]);
            }
            else if (layout[id] is 'b' or 'i' or 'l' && !fields[id].IsEmpty)
            {
                builder.AddScalar(id, fields[id].AsSpan());
            }
        }

        return ((byte)unionType, builder.EndTable());
    }

    private static (int UnionType, ValueArray<ValueArray<byte>> Fields) ToFields(OpType type, OperatorOptions options, string source)
    {
        var natural = NaturalUnionType(type);
        switch (options)
        {
            case NoOptions:
                // The converter writes an empty table for operators whose options table has no fields.
                return natural != 0 && s_layouts[natural].Length == 0 ? (natural, ValueArray<ValueArray<byte>>.Empty) : (0, default);
            case OpaqueOptions opaque:
                CheckOpaque(type, opaque, source);
                return (opaque.UnionType, opaque.Fields);
        }

        var codec = s_codecsByUnionType.TryGetValue(natural, out var own) && own.RecordType == options.GetType()
            ? own
            : Array.Find(s_codecs, c => c.RecordType == options.GetType())
                ?? throw new InvalidModelException(source, $"{type.TfLiteName()}: options of type {options.GetType().Name} cannot be written to TFLite");
        var writer = new OptionFieldsWriter(s_layouts[codec.UnionType], source);
        codec.Write(options, writer);
        return (codec.UnionType, writer.Fields);
    }

    private static void CheckOpaque(OpType type, OpaqueOptions opaque, string source)
    {
        if (opaque.UnionType <= 0 || opaque.UnionType >= s_layouts.Length)
        {
            throw new InvalidModelException(source, $"{type.TfLiteName()}: unknown builtin options type {opaque.UnionType}");
        }

        var layout = s_layouts[opaque.UnionType];
        if (opaque.Fields.Count > layout.Length)
        {
            throw new InvalidModelException(source, $"{type.TfLiteName()}: options type {opaque.UnionType} has {layout.Length} fields, not {opaque.Fields.Count}");
        }

        for (var id = 0; id < opaque.Fields.Count; id++)
        {
            var length = opaque.Fields[id].Count;
            var valid = layout[id] switch
            {
                'b' => length is 0 or 1,
                'i' => length is 0 or 4,
                'l' => length is 0 or 8,
                'v' => length % 4 == 0,
                _ => true,
            };
            if (!valid)
            {
                throw new InvalidModelException(source, $"{type.TfLiteName()}: field {id} of options type {opaque.UnionType} has {length} bytes");
            }
        }
    }

    private static int NaturalUnionType(OpType type) => s_naturalTypes.GetValueOrDefault(type);

    private static bool SetsFieldBeyond(ValueArray<ValueArray<byte>> fields, int modeled)
    {
        for (var id = modeled; id < fields.Count; id++)
        {
            if (fields[id].AsSpan().ContainsAnyExcept((byte)0))
            {
                return true;
            }
        }

        return false;
    }

    private static Codec Define<T>(int unionType, int modeledFields, Func<OptionFields, T> read, Action<T, OptionFieldsWriter> write)
        where T : OperatorOptions =>
        new(unionType, typeof(T), modeledFields, f => read(f), (o, w) => write((T)o, w));

    private sealed record Codec(int UnionType, Type RecordType, int ModeledFields, Func<OptionFields, OperatorOptions> Read, Action<OperatorOptions, OptionFieldsWriter> Write);

    /// <summary>Typed reads of the fields of one options table; absent fields give the schema default.</summary>
    private readonly struct OptionFields(ValueArray<ValueArray<byte>> fields)
    {
        public byte Byte(int id) => fields[id].IsEmpty ? (byte)0 : fields[id][0];

        public sbyte SByte(int id) => (sbyte)Byte(id);

        public bool Bool(int id, bool defaultValue = false) => fields[id].IsEmpty ? defaultValue : fields[id][0] != 0;

        public int Int(int id, int defaultValue = 0) =>
            fields[id].IsEmpty ? defaultValue : BinaryPrimitives.ReadInt32LittleEndian(fields[id].AsSpan());

        public float Float(int id) => fields[id].IsEmpty ? 0f : BinaryPrimitives.ReadSingleLittleEndian(fields[id].AsSpan());

        public ValueArray<int> Ints(int id) => new(MemoryMarshal.Cast<byte, int>(fields[id].AsSpan()));
    }

    /// <summary>Builds the fields of one options table; values equal to the schema default are left absent.</summary>
    private sealed class OptionFieldsWriter(string layout, string source)
    {
        private readonly ValueArray<byte>[] _fields = new ValueArray<byte>[layout.Length];

        public ValueArray<ValueArray<byte>> Fields => new(_fields);

        public OptionFieldsWriter Byte(int id, byte value) => Set(id, value != 0, [value]);

        public OptionFieldsWriter Type(int id, DataType value) =>
            (int)value is >= sbyte.MinValue and <= sbyte.MaxValue
                ? Byte(id, (byte)(sbyte)value)
                : throw new InvalidModelException(source, $"data type {(int)value} does not fit TFLite's TensorType");

        public OptionFieldsWriter Bool(int id, bool value, bool defaultValue = false) => Set(id, value != defaultValue, [value ? (byte)1 : (byte)0]);

        public OptionFieldsWriter Int(int id, int value, int defaultValue = 0) => Set(id, value != defaultValue, BitConverter.GetBytes(value));

        public OptionFieldsWriter Float(int id, float value) =>
            Set(id, BitConverter.SingleToInt32Bits(value) != 0, BitConverter.GetBytes(value));

        public OptionFieldsWriter Ints(int id, ValueArray<int> values) => Set(id, true, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

        private OptionFieldsWriter Set(int id, bool present, byte[] bytes)
        {
            _fields[id] = present ? bytes : ValueArray<byte>.Empty;
            return this;
        }
    }
}
