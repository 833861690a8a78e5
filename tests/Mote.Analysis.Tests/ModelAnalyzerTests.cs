using System.Text.Json;
using Mote.Graph;

namespace Mote.Analysis.Tests;

public class ModelAnalyzerTests
{
    private static readonly Board s_tiny = new("tiny", "Tiny", "none", CoreClass.CortexM4, 100, 2048, 64 * 1024, 10, "test");

    [Fact]
    public void Totals_add_up()
    {
        var analysis = ModelAnalyzer.Analyze(ConvModel(out _), board: null);

        Assert.Equal(analysis.ArenaBytes + analysis.PersistentBytes, analysis.PeakRamBytes);
        Assert.Equal(analysis.VariableBytes + analysis.OperatorDataBytes, analysis.PersistentBytes);
        Assert.Equal(analysis.WeightBytes + analysis.CodeBytes, analysis.FlashBytes);
        Assert.Equal(analysis.Layers.Sum(l => l.Macs), analysis.Macs);
        Assert.True(analysis.ArenaBytes >= analysis.LowerBoundBytes);
        Assert.Null(analysis.Target);
        Assert.All(analysis.Layers, l => Assert.Null(l.LatencyMs));
    }

    [Fact]
    public void Layers_report_cost_and_shapes()
    {
        var analysis = ModelAnalyzer.Analyze(ConvModel(out _), board: null);
        var conv = analysis.Layers[0];

        Assert.Equal("CONV_2D", conv.Op);
        Assert.Equal([1, 8, 8, 4], conv.OutputShapes[0]);
        Assert.Equal(3, conv.InputShapes.Count);
        // 8×8 outputs × 4 channels, 3×3×2 weights each.
        Assert.Equal(8 * 8 * 4 * 3 * 3 * 2, conv.Macs);
        Assert.Equal((4 * 3 * 3 * 2) + (4 * 4), conv.WeightBytes);
        // Fixed operator data plus an int32 multiplier and shift for each of the 4 per-channel scales.
        Assert.Equal(PersistentStateEstimate.OperatorBytes + (4 * 8), conv.OperatorDataBytes);
        Assert.Equal((4 * 3 * 3 * 2) + (4 * 4), analysis.WeightBytes);
    }

    [Fact]
    public void Variables_count_as_persistent_state()
    {
        var g = new GraphBuilder();
        int input = g.Activation(DataType.Int8, 1, 10);
        int state = g.Variable(DataType.Int16, 1, 20);
        int output = g.Activation(DataType.Int8, 1, 10);
        g.Op(OpType.Add, [input, state], output);
        var model = new Model([g.Build([input], [output])]);

        var analysis = ModelAnalyzer.Analyze(model, board: null);

        Assert.Equal(48, analysis.VariableBytes);
        var tensor = Assert.Single(analysis.Tensors, t => t.Index == state);
        Assert.Equal("persistent", tensor.Area);
    }

    [Fact]
    public void A_model_that_fits_has_no_overrun()
    {
        var analysis = ModelAnalyzer.Analyze(ConvModel(out _), s_tiny);
        var target = analysis.Target!;

        Assert.True(target.Fits);
        Assert.Equal(0, target.RamOverBy);
        Assert.Equal(0, target.FlashOverBy);
        Assert.True(target.LatencyMs > 0);
        Assert.Equal(target.LatencyMs * s_tiny.ActivePowerMilliwatts / 1000, target.EnergyMj, 3);
        Assert.Equal(target.LatencyMs, analysis.Layers.Sum(l => l.LatencyMs!.Value), 3);
    }

    [Fact]
    public void A_model_too_large_says_by_how_much_and_which_tensors_make_the_peak()
    {
        var board = s_tiny with { RamBytes = 256, FlashBytes = 1024 };

        var analysis = ModelAnalyzer.Analyze(ConvModel(out int[] activations), board);
        var target = analysis.Target!;

        Assert.False(target.Fits);
        Assert.Equal(analysis.PeakRamBytes - 256, target.RamOverBy);
        Assert.Equal(analysis.FlashBytes - 1024, target.FlashOverBy);
        // At the peak (the conv step) its 128-byte input and 256-byte output are alive; largest first.
        Assert.Equal([activations[1], activations[0]], target.PeakTensors.Select(p => p.Index));
        Assert.Equal([256L, 128], target.PeakTensors.Select(p => p.Bytes));
    }

    [Fact]
    public void Latency_scales_with_the_clock()
    {
        var slow = ModelAnalyzer.Analyze(ConvModel(out _), s_tiny).Target!.LatencyMs;
        var fast = ModelAnalyzer.Analyze(ConvModel(out _), s_tiny with { ClockMhz = 200 }).Target!.LatencyMs;

        Assert.Equal(slow / 2, fast, 3);
    }

    [Fact]
    public void Json_is_snake_case_in_a_stable_order()
    {
        string json = ModelAnalyzer.Analyze(ConvModel(out _), BoardDatabase.Find("nano33ble")).ToJson();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        string[] expected =
        [
            "arena_bytes", "lower_bound_bytes", "persistent_bytes", "variable_bytes", "operator_data_bytes",
            "peak_ram_bytes", "flash_bytes", "weight_bytes", "code_bytes", "macs", "planner", "alignment", "peak_step",
            "layers", "tensors", "scratch", "target",
        ];
        Assert.Equal(expected, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["index", "op", "input_shapes", "output_shapes", "macs", "weight_bytes", "activation_bytes", "operator_data_bytes", "latency_ms"],
            root.GetProperty("layers")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["index", "name", "dtype", "shape", "bytes", "area", "offset", "first_step", "last_step", "alias_of"],
            root.GetProperty("tensors")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["board", "name", "fits", "ram_bytes", "flash_bytes", "ram_over_by", "flash_over_by", "peak_tensors", "latency_ms", "energy_mj"],
            root.GetProperty("target").EnumerateObject().Select(p => p.Name));
        Assert.Equal("nano33ble", root.GetProperty("target").GetProperty("board").GetString());
    }

    [Fact]
    public void Json_without_a_target_writes_null()
    {
        using var document = JsonDocument.Parse(ModelAnalyzer.Analyze(ConvModel(out _), board: null).ToJson());

        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("target").ValueKind);
    }

    /// <summary>input [1,8,8,2] → CONV_2D 3×3 (per-channel int8, 4 filters) → [1,8,8,4] → RELU → output.</summary>
    private static Model ConvModel(out int[] activations)
    {
        var g = new GraphBuilder();
        int input = g.Activation(DataType.Int8, 1, 8, 8, 2);
        int filter = g.Constant(DataType.Int8, 4, 3, 3, 2);
        int bias = g.Constant(DataType.Int32, 4);
        int conv = g.Activation(DataType.Int8, 1, 8, 8, 4);
        int output = g.Activation(DataType.Int8, 1, 8, 8, 4);
        g.Quantize(filter, new QuantizationParameters([0.1f, 0.2f, 0.3f, 0.4f], [0, 0, 0, 0], Axis: 0));
        g.Op(new Operator(OpType.Conv2D, [input, filter, bias], [conv]) { Options = new Conv2DOptions(Padding.Same, 1, 1) })
            .Op(OpType.Relu, [conv], output);
        activations = [input, conv];
        return new Model([g.Build([input], [output])]);
    }
}
