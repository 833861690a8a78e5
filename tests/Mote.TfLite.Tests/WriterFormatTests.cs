using System.Diagnostics;
using Mote.Graph;
using Mote.Testing;
using Mote.TfLite.FlatBuffers;
using static Mote.TfLite.TfLiteSchema;

namespace Mote.TfLite.Tests;

public class WriterFormatTests
{
    [ConformanceTheory]
    [InlineData("mobilenet_v2_int8")]
    [InlineData("audio_preprocessor_int8")]
    [InlineData("seanet_transpose_conv0")]
    public void Written_file_has_version_3_aligned_buffers_and_both_builtin_codes(string name)
    {
        var bytes = TfLiteWriter.Write(TfLiteReader.ReadFile(Conformance.ModelPath(name)));
        var reader = new FlatBufferReader(bytes, name);
        var root = reader.ReadRoot(FileIdentifier, "Model");

        Assert.Equal(3u, root.GetUInt32(ModelField.Version));
        var buffers = root.GetTables(ModelField.Buffers, "Buffer");
        Assert.True(buffers[0].GetVectorBytes(BufferField.Data, 1).IsEmpty);
        for (var i = 1; i < buffers.Count; i++)
        {
            var data = buffers[i].GetVectorBytes(BufferField.Data, 1);
            Assert.False(data.IsEmpty);
            Assert.Equal(0, ByteOffset(bytes, data) % 16);
        }

        var codes = root.GetTables(ModelField.OperatorCodes, "OperatorCode");
        for (var i = 0; i < codes.Count; i++)
        {
            var code = codes[i].GetInt32(OperatorCodeField.BuiltinCode);
            Assert.Equal(Math.Min(code, 127), codes[i].GetByte(OperatorCodeField.DeprecatedBuiltinCode));
        }
    }

    [Fact]
    public void Codes_above_127_use_the_placeholder_in_deprecated_builtin_code()
    {
        var tensor = new Tensor("x", DataType.Float32, Shape.Of(4));
        var gelu = new Operator(OpType.Gelu, [0], [1]);
        var model = new Model([new Subgraph([tensor, tensor with { Name = "y" }], [gelu], [0], [1])]);
        var bytes = TfLiteWriter.Write(model);

        var code = new FlatBufferReader(bytes, "gelu").ReadRoot(FileIdentifier, "Model").GetTables(ModelField.OperatorCodes, "OperatorCode")[0];
        Assert.Equal(127, code.GetByte(OperatorCodeField.DeprecatedBuiltinCode));
        Assert.Equal((int)OpType.Gelu, code.GetInt32(OperatorCodeField.BuiltinCode));
        Assert.Equal(OpType.Gelu, TfLiteReader.Read(bytes, "gelu").Main.Operators[0].Type);
    }

    [Fact]
    public void Identical_constant_data_is_stored_once()
    {
        var weights = new Tensor("w", DataType.Int8, Shape.Of(4)) { Data = new byte[] { 1, 2, 3, 4 } };
        var graph = new Subgraph([weights, weights with { Name = "w2" }, new Tensor("y", DataType.Int8, Shape.Of(4))], [new Operator(OpType.Add, [0, 1], [2])], [], [2]);
        var bytes = TfLiteWriter.Write(new Model([graph]));

        var buffers = new FlatBufferReader(bytes, "dedup").ReadRoot(FileIdentifier, "Model").GetTables(ModelField.Buffers, "Buffer");
        Assert.Equal(2, buffers.Count);
        Assert.Equal(graph.Tensors, TfLiteReader.Read(bytes, "dedup").Main.Tensors);
    }

    [Fact]
    public void WriteFile_replaces_the_file_and_leaves_no_temporary_file()
    {
        var directory = Directory.CreateTempSubdirectory("mote-tflite-");
        try
        {
            var path = Path.Combine(directory.FullName, "m.tflite");
            File.WriteAllText(path, "old");
            var model = new Model([new Subgraph([new Tensor("x", DataType.Int8, Shape.Of(1))], [], [0], [0])]);
            TfLiteWriter.WriteFile(model, path);

            Assert.Equal(model, TfLiteReader.ReadFile(path));
            Assert.Single(directory.GetFiles());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [ConformanceFact]
    public void Reading_mobilenet_takes_milliseconds()
    {
        var bytes = File.ReadAllBytes(Conformance.ModelPath("mobilenet_v2_int8"));
        TfLiteReader.Read(bytes, "warm-up");
        var clock = Stopwatch.StartNew();
        TfLiteReader.Read(bytes, "mobilenet_v2_int8");
        Assert.True(clock.ElapsedMilliseconds < 500, $"read took {clock.ElapsedMilliseconds} ms");
    }

    private static long ByteOffset(byte[] file, ReadOnlySpan<byte> slice) =>
        System.Runtime.CompilerServices.Unsafe.ByteOffset(ref file[0], ref System.Runtime.InteropServices.MemoryMarshal.GetReference(slice));
}
