using System.Buffers.Binary;
using Mote.Graph;

namespace Mote.TfLite.Tests;

public class MalformedModelTests
{
    private const string Source = "bad.tflite";

    [Fact]
    public void Valid_raw_model_reads()
    {
        var model = TfLiteReader.Read(RawModel.Chain(), Source);
        Assert.Equal([OpType.Relu, OpType.Relu], model.Main.Operators.Select(o => o.Type));
    }

    [Fact]
    public void Truncated_file_is_rejected_naming_the_file() =>
        AssertInvalid(RawModel.Chain()[..40], "extend past the end");

    [Fact]
    public void Tiny_file_is_rejected() => AssertInvalid([1, 2, 3], "too short");

    [Fact]
    public void Wrong_identifier_is_rejected()
    {
        var bytes = RawModel.Chain();
        bytes[4] = (byte)'X';
        AssertInvalid(bytes, "wrong file identifier 'XFL3'");
    }

    [Fact]
    public void Root_offset_out_of_range_is_rejected()
    {
        var bytes = RawModel.Chain();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0x7FFFFFFF);
        AssertInvalid(bytes, "points outside the file");
    }

    [Fact]
    public void Vtable_out_of_range_is_rejected()
    {
        var bytes = RawModel.Chain();
        var root = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(root), int.MinValue);
        AssertInvalid(bytes, "vtable");
    }

    [Fact]
    public void Unsupported_schema_version_is_rejected() =>
        AssertInvalid(RawModel.Build(3, [([0], [1]), ([1], [2])], [0], [2], schemaVersion: 2), "schema version 2");

    [Fact]
    public void Tensor_index_past_the_end_is_rejected() =>
        AssertInvalid(RawModel.Build(3, [([0], [1]), ([7], [2])], [0], [2]), "operator 1 (RELU) inputs: tensor index 7 is out of range (3 tensors)");

    [Fact]
    public void Graph_output_index_past_the_end_is_rejected() =>
        AssertInvalid(RawModel.Build(3, [([0], [1]), ([1], [2])], [0], [3]), "outputs: tensor index 3");

    [Fact]
    public void Opcode_index_out_of_range_is_rejected() =>
        AssertInvalid(RawModel.Build(3, [([0], [1])], [0], [1], opcodeIndex: 5), "operator code index 5 is out of range");

    [Fact]
    public void Buffer_shorter_than_its_shape_is_rejected() =>
        AssertInvalid(RawModel.Build(3, [([0], [1])], [], [1], tensor0Data: [1, 2, 3]), "tensor 0 't0': buffer holds 3 bytes but shape [1,4] of INT8 needs 4 bytes");

    [Fact]
    public void Cyclic_graph_is_rejected() =>
        AssertInvalid(RawModel.Build(3, [([2], [1]), ([1], [2])], [0], [2]), "operator 0 (RELU) reads tensor 2 't2' before operator 1 writes it");

    [Fact]
    public void Operator_reading_its_own_output_is_rejected() =>
        AssertInvalid(RawModel.Build(2, [([1], [1])], [0], [1]), "operator 0 (RELU) reads tensor 1 't1' before operator 0 writes it");

    [Fact]
    public void Tensor_nobody_writes_is_an_uninitialized_input_and_is_allowed() =>
        TfLiteReader.Read(RawModel.Build(3, [([2], [1])], [0], [1]), Source);

    [Fact]
    public void Huge_vector_count_is_rejected_without_allocating()
    {
        var bytes = RawModel.Chain();

        // Every 4-byte slot holding the subgraph's tensor count (3) becomes a huge count; at least one is the vector's.
        var rejected = 0;
        for (var slot = 8; slot + 4 <= bytes.Length; slot += 4)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(slot)) == 3)
            {
                var mutated = bytes.ToArray();
                BinaryPrimitives.WriteUInt32LittleEndian(mutated.AsSpan(slot), 0x7FFFFFFF);
                rejected += Throws(mutated) ? 1 : 0;
            }
        }

        Assert.True(rejected > 0);
    }

    [Fact]
    public void Writer_refuses_a_model_with_an_index_out_of_range()
    {
        var tensor = new Tensor("t", DataType.Int8, Shape.Of(1));
        var model = new Model([new Subgraph([tensor], [new Operator(OpType.Relu, [0], [4])], [0], [0])]);
        var error = Assert.Throws<InvalidModelException>(() => TfLiteWriter.Write(model));
        Assert.Contains("tensor index 4 is out of range", error.Problem);
    }

    private static bool Throws(byte[] bytes)
    {
        try
        {
            TfLiteReader.Read(bytes, Source);
            return false;
        }
        catch (InvalidModelException)
        {
            return true;
        }
    }

    private static void AssertInvalid(byte[] bytes, string problem)
    {
        var error = Assert.Throws<InvalidModelException>(() => TfLiteReader.Read(bytes, Source));
        Assert.Equal(Source, error.Source);
        Assert.StartsWith($"{Source}: ", error.Message);
        Assert.Contains(problem, error.Problem);
    }
}
