using Mote.TfLite.FlatBuffers;
using static Mote.TfLite.TfLiteSchema;

namespace Mote.TfLite.Tests;

/// <summary>
/// Writes minimal TFLite files field by field, bypassing the writer's checks, so that tests can hand the reader
/// exactly the malformation they are about: int8 [1, 4] tensors and RELU operators given as (inputs, outputs).
/// </summary>
internal static class RawModel
{
    public static byte[] Build(
        int tensorCount,
        (int[] Inputs, int[] Outputs)[] operators,
        int[] graphInputs,
        int[] graphOutputs,
        byte[]? tensor0Data = null,
        uint opcodeIndex = 0,
        uint schemaVersion = 3)
    {
        var builder = new FlatBufferBuilder("test");
        var data = tensor0Data is null ? 0 : builder.CreateVector(tensor0Data, 1, 16);
        var buffers = new int[2];
        for (var b = 1; b >= 0; b--)
        {
            builder.StartTable(BufferField.Count);
            if (b == 1 && data != 0)
            {
                builder.AddOffset(BufferField.Data, data);
            }

            buffers[b] = builder.EndTable();
        }

        var tensors = new int[tensorCount];
        for (var t = 0; t < tensorCount; t++)
        {
            var shape = builder.CreateVector([1, 4]);
            var name = builder.CreateString($"t{t}");
            builder.StartTable(TensorField.Count);
            builder.AddOffset(TensorField.Shape, shape);
            builder.AddByte(TensorField.Type, 9);
            builder.AddInt32(TensorField.Buffer, t == 0 && data != 0 ? 1 : 0);
            builder.AddOffset(TensorField.Name, name);
            tensors[t] = builder.EndTable();
        }

        var ops = new int[operators.Length];
        for (var i = 0; i < ops.Length; i++)
        {
            var inputs = builder.CreateVector(operators[i].Inputs);
            var outputs = builder.CreateVector(operators[i].Outputs);
            builder.StartTable(OperatorField.Count);
            builder.AddInt32(OperatorField.OpcodeIndex, (int)opcodeIndex);
            builder.AddOffset(OperatorField.Inputs, inputs);
            builder.AddOffset(OperatorField.Outputs, outputs);
            ops[i] = builder.EndTable();
        }

        var tensorsVector = builder.CreateOffsetVector(tensors);
        var inputsVector = builder.CreateVector(graphInputs);
        var outputsVector = builder.CreateVector(graphOutputs);
        var opsVector = builder.CreateOffsetVector(ops);
        builder.StartTable(SubgraphField.Count);
        builder.AddOffset(SubgraphField.Tensors, tensorsVector);
        builder.AddOffset(SubgraphField.Inputs, inputsVector);
        builder.AddOffset(SubgraphField.Outputs, outputsVector);
        builder.AddOffset(SubgraphField.Operators, opsVector);
        var subgraph = builder.EndTable();

        builder.StartTable(OperatorCodeField.Count);
        builder.AddByte(OperatorCodeField.DeprecatedBuiltinCode, 19);
        builder.AddInt32(OperatorCodeField.BuiltinCode, 19);
        var code = builder.EndTable();

        var codes = builder.CreateOffsetVector([code]);
        var subgraphs = builder.CreateOffsetVector([subgraph]);
        var buffersVector = builder.CreateOffsetVector(buffers);
        builder.StartTable(ModelField.Count);
        builder.AddInt32(ModelField.Version, (int)schemaVersion);
        builder.AddOffset(ModelField.OperatorCodes, codes);
        builder.AddOffset(ModelField.Subgraphs, subgraphs);
        builder.AddOffset(ModelField.Buffers, buffersVector);
        return builder.Finish(builder.EndTable(), FileIdentifier);
    }

    /// <summary>Two RELUs in a chain: t0 → t1 → t2.</summary>
    public static byte[] Chain() => Build(3, [([0], [1]), ([1], [2])], [0], [2]);
}
