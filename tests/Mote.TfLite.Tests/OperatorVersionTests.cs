using Mote.Graph;
using Mote.Testing;

namespace Mote.TfLite.Tests;

public class OperatorVersionTests
{
    // Not made by the current converter: the seanet_* files come from TFLM's integration-test generator, which gives
    // int16 operators the int8 versions (ADD 2, CONV_2D 3, PAD 2, SUB 2, STRIDED_SLICE 2, QUANTIZE 1), and
    // person_detect predates per-channel int8 (CONV_2D 2). TFLM ignores versions, so both still run.
    private static bool MadeByCurrentConverter(string name) => !name.StartsWith("seanet_", StringComparison.Ordinal) && name != "person_detect";

    [ConformanceFact]
    public void Converter_version_table_matches_the_versions_in_conformance_models()
    {
        var mismatches = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in Conformance.ModelNames().Where(MadeByCurrentConverter))
        {
            var model = TfLiteReader.ReadFile(Conformance.ModelPath(name));
            foreach (var graph in model.Subgraphs)
            {
                // Like the converter, an operator code gets the highest version its operators need.
                var codes = graph.Operators.Where(o => o.Type != OpType.Custom).GroupBy(o => (o.Type, o.Version));
                foreach (var code in codes)
                {
                    var computed = code.Max(op => OperatorVersions.ConverterVersion(op, graph));
                    if (computed != code.Key.Version)
                    {
                        var types = string.Join("/", code.Select(o => o.Inputs.Count > 0 && o.Inputs[0] >= 0 ? graph.Tensors[o.Inputs[0]].Type.TfLiteName() : "-").Distinct());
                        mismatches.Add($"{code.Key.Type.TfLiteName()} {types}: file {code.Key.Version}, table {computed} ({name})");
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Unset_versions_get_the_converter_version_and_read_versions_are_kept()
    {
        var input = new Tensor("in", DataType.Int8, Shape.Of(1, 4)) { Quantization = QuantizationParameters.PerTensor(0.5f, 0) };
        var weights = new Tensor("w", DataType.Int8, Shape.Of(2, 4)) { Data = new byte[8], Quantization = QuantizationParameters.PerTensor(0.1f, 0) };
        var bias = new Tensor("b", DataType.Int32, Shape.Of(2)) { Data = new byte[8] };
        var output = new Tensor("out", DataType.Int8, Shape.Of(1, 2)) { Quantization = QuantizationParameters.PerTensor(0.25f, 0) };
        var fc = new Operator(OpType.FullyConnected, [0, 1, 2], [3]) { Options = new FullyConnectedOptions() };
        var graph = new Subgraph([input, weights, bias, output], [fc], [0], [3]);

        var unset = TfLiteReader.Read(TfLiteWriter.Write(new Model([graph])), "unset");
        var kept = TfLiteReader.Read(TfLiteWriter.Write(new Model([graph with { Operators = [fc with { Version = 9 }] }])), "kept");

        Assert.Equal(4, unset.Main.Operators[0].Version);
        Assert.Equal(9, kept.Main.Operators[0].Version);
    }
}
