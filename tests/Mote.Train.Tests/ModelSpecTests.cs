using Mote.Data;
using Mote.Data.Augmentation;
using Mote.Train.Layers;
using Mote.Train.Losses;
using Mote.Train.Optimizers;
using Mote.Train.Spec;

namespace Mote.Train.Tests;

public sealed class ModelSpecTests
{
    [Fact]
    public void A_layer_list_with_a_branch_builds_the_same_network_as_the_builder()
    {
        const string Json = """
            {
              "input": [8, 8, 1],
              "layers": [
                { "type": "conv2d", "filters": 4, "kernel": 3, "use_bias": false, "name": "stem" },
                { "type": "batch_norm" },
                { "type": "relu", "name": "a" },
                { "type": "depthwise_conv2d", "kernel": 3, "inputs": ["a"] },
                { "type": "relu6", "name": "b" },
                { "type": "add", "inputs": ["a", "b"] },
                { "type": "max_pool2d", "pool": 2 },
                { "type": "flatten" },
                { "type": "dropout", "rate": 0.1 },
                { "type": "dense", "units": 3 }
              ],
              "training": { "optimizer": "adamw", "weight_decay": 0.001, "loss": "cross_entropy", "label_smoothing": 0.1,
                            "schedule": "cosine", "learning_rate": 0.01, "batch_size": 16 }
            }
            """;
        var spec = ModelSpec.Parse(Json, "spec.json");
        var network = spec.Build(seed: 3);
        Assert.Equal([3], network.OutputShape);
        Assert.Equal(["Conv2D", "BatchNorm", "ReLU", "DepthwiseConv2D", "ReLU6", "Add", "MaxPool2D", "Reshape", "Dropout", "Dense"], network.Nodes.Skip(1).Select(n => n.Layer!.GetType().Name));
        Assert.Equal([3, 5], network.Nodes[6].Inputs);

        var b = new NetworkBuilder([8, 8, 1], seed: 3);
        var x = b.ReLU(b.BatchNorm(b.Conv2D(b.Input, 4, 3, useBias: false)));
        x = b.Add(x, b.ReLU6(b.DepthwiseConv2D(x, 3)));
        var same = b.Build(b.Dense(b.Dropout(b.Flatten(b.MaxPool2D(x, 2)), 0.1f), 3));
        Assert.Equal(same.Parameters.SelectMany(p => p.Value), network.Parameters.SelectMany(p => p.Value));

        Assert.Equal(0.1f, Assert.IsType<CrossEntropy>(spec.CreateLoss()).LabelSmoothing);
        Assert.Equal(0.001f, Assert.IsType<AdamW>(spec.CreateOptimizer()).WeightDecay);
        var options = spec.CreateOptions(epochs: 5, seed: 2, checkpointPath: null);
        Assert.Equal((5, 16, 2UL), (options.Epochs, options.BatchSize, options.Seed));
        Assert.IsType<CosineSchedule>(options.Schedule);
    }

    [Fact]
    public void The_augmentation_object_gives_audio_augmentation_for_audio_fields_only()
    {
        const string Audio = """
            { "input": [49, 40, 1], "architecture": "ds_cnn", "classes": 2,
              "training": { "augmentation": { "time_shift_ms": 100, "gain_db": 6, "noise_snr_db": [5, 15] } } }
            """;
        var audio = ModelSpec.Parse(Audio, "kws.json");
        Assert.Equal(new Mote.Data.Audio.ClipAugmentation(100, 6f, 1f, 5f, 15f), audio.AudioAugmentation);
        Assert.Null(audio.CreateOptions(null, 1, null).Augmentation);

        var image = ModelSpec.Parse("""{ "input": [8, 8, 1], "architecture": "mlp", "classes": 2, "training": { "augmentation": { "shift": 1 } } }""", "image.json");
        Assert.Null(image.AudioAugmentation);
        Assert.Equal(new ImageAugmentation(1, false), image.CreateOptions(null, 1, null).Augmentation);

        var bad = ModelSpec.Parse(Audio.Replace("[5, 15]", "[15, 5]", StringComparison.Ordinal), "bad.json");
        var error = Assert.Throws<InvalidDataFileException>(() => bad.AudioAugmentation);
        Assert.Equal("bad.json", error.Path);
        Assert.Contains("noise_snr_db", error.Message);
    }

    [Fact]
    public void An_architecture_spec_builds_the_ready_made_network()
    {
        var network = ModelSpec.Parse("""{ "input": [49, 10, 1], "architecture": "ds_cnn", "classes": 12, "options": { "filters": 8, "blocks": 1 } }""", "kws.json").Build(1);
        Assert.Equal([12], network.OutputShape);
        Assert.Contains(network.Nodes, n => n.Layer is DepthwiseConv2D);
    }

    [Theory]
    [InlineData("""{ "layers": [] }""", "\"input\"")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dense" } ] }""", "layer 0 (dense) needs \"units\"")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "bogus" } ] }""", "unknown type \"bogus\"")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "add", "inputs": ["nowhere"] } ] }""", "does not come before it")]
    [InlineData("""{ "input": [4, 4, 1], "layers": [ { "type": "conv2d", "filters": 2, "kernel": 5, "padding": "valid" } ] }""", "does not fit")]
    [InlineData("""{ "input": [4], "architecture": "mlp" }""", "needs \"classes\"")]
    [InlineData("""{ "input": [4], """, "invalid JSON")]
    public void Bad_specs_are_reported_with_the_file_name(string json, string problem)
    {
        var error = Assert.Throws<InvalidDataFileException>(() => ModelSpec.Parse(json, "bad.json").Build(1));
        Assert.Equal("bad.json", error.Path);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void The_training_section_can_ask_for_image_shifts_and_flips()
    {
        var spec = ModelSpec.Parse("""{ "input": [8, 8, 1], "architecture": "mlp", "classes": 3, "training": { "augmentation": { "shift": 2, "horizontal_flip": true } } }""", "spec.json");
        Assert.Equal(new ImageAugmentation(2, HorizontalFlip: true), spec.CreateOptions(1, 1, null).Augmentation);
        Assert.Null(ModelSpec.Parse("""{ "input": [8, 8, 1], "architecture": "mlp", "classes": 3 }""", "spec.json").CreateOptions(1, 1, null).Augmentation);
    }

    [Theory]
    [InlineData("""{ "input": [16], "architecture": "mlp", "classes": 3, "training": { "augmentation": { "shift": 1 } } }""", "needs image inputs")]
    [InlineData("""{ "input": [8, 8, 1], "architecture": "mlp", "classes": 3, "training": { "augmentation": { "shift": 8 } } }""", "between 0 and 7")]
    public void Bad_augmentation_is_reported_with_the_file_name(string json, string problem)
    {
        var error = Assert.Throws<InvalidDataFileException>(() => ModelSpec.Parse(json, "bad.json").CreateOptions(1, 1, null));
        Assert.Equal("bad.json", error.Path);
        Assert.Contains(problem, error.Message);
    }
}
