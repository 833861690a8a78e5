using System.Text.Json;
using Mote.Data;
using Mote.Data.Audio;
using Mote.Data.Augmentation;
using Mote.Graph;
using Mote.Train.Losses;
using Mote.Train.Optimizers;
using Mote.Train.Training;

namespace Mote.Train.Spec;

/// <summary>
/// A model and its training recipe in a small JSON file (format in docs/train-spec.md): either a ready-made
/// "architecture" or a list of "layers" (each reads the previous one, or the layers named in "inputs"), and an
/// optional "training" object. Unknown layer types, missing fields and wrong shapes are reported with the file name.
/// </summary>
public sealed class ModelSpec
{
    private static readonly string[] s_audioAugmentationFields = ["time_shift_ms", "gain_db", "noise_probability", "noise_snr_db"];

    private readonly JsonElement _root;
    private readonly string _source;

    private ModelSpec(JsonElement root, string source)
    {
        _root = root;
        _source = source;
        InputShape = IntArray(root, "input") ?? throw Error("\"input\" (the item shape, e.g. [28, 28, 1]) is required");
        Training = root.TryGetProperty("training", out var training) ? training : default;
    }

    public int[] InputShape { get; }

    private JsonElement Training { get; }

    public static ModelSpec Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (IOException e)
        {
            throw new InvalidDataFileException(path, $"cannot read ({e.Message})");
        }
    }

    public static ModelSpec Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return new ModelSpec(document.RootElement.Clone(), source);
        }
        catch (JsonException e)
        {
            throw new InvalidDataFileException(source, $"invalid JSON ({e.Message})");
        }
    }

    /// <summary>The network, with weights initialized from <paramref name="seed"/>.</summary>
    public Network Build(ulong seed)
    {
        try
        {
            if (_root.TryGetProperty("architecture", out var architecture))
            {
                return BuildArchitecture(architecture.GetString() ?? "", seed);
            }

            if (!_root.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Array)
            {
                throw Error("needs \"architecture\" or a \"layers\" array");
            }

            var builder = new NetworkBuilder(InputShape, seed);
            var named = new Dictionary<string, NodeRef> { ["input"] = builder.Input };
            var previous = builder.Input;
            var index = 0;
            foreach (var layer in layers.EnumerateArray())
            {
                var inputs = layer.TryGetProperty("inputs", out var names)
                    ? [.. names.EnumerateArray().Select(n => named.GetValueOrDefault(n.GetString() ?? "", new NodeRef(-1)))]
                    : new[] { previous };
                if (inputs.Any(i => i.Index < 0))
                {
                    throw Error($"layer {index}: \"inputs\" names a layer that does not come before it");
                }

                previous = AddLayer(builder, layer, inputs, index);
                named[String(layer, "name") ?? $"#{index}"] = previous;
                index++;
            }

            return builder.Build(previous);
        }
        catch (ArgumentException e)
        {
            throw Error(e.Message);
        }
    }

    public Loss CreateLoss() => (String(Training, "loss") ?? "cross_entropy") switch
    {
        "cross_entropy" => new CrossEntropy(Float(Training, "label_smoothing") ?? 0f),
        "mse" => new MeanSquaredError(),
        var other => throw Error($"unknown loss \"{other}\" (cross_entropy, mse)"),
    };

    public Optimizer CreateOptimizer()
    {
        var decay = Float(Training, "weight_decay");
        return (String(Training, "optimizer") ?? "adam") switch
        {
            "sgd" => new Sgd(Float(Training, "momentum") ?? 0.9f, decay ?? 0f),
            "adam" => new Adam(weightDecay: decay ?? 0f),
            "adamw" => new AdamW(weightDecay: decay ?? 0.01f),
            var other => throw Error($"unknown optimizer \"{other}\" (sgd, adam, adamw)"),
        };
    }

    /// <summary>Training options from the spec, with the epochs and seed given (from the command line or the spec's own).</summary>
    public TrainingOptions CreateOptions(int? epochs, ulong seed, string? checkpointPath)
    {
        var rate = Float(Training, "learning_rate") ?? 1e-3f;
        LearningRateSchedule schedule = (String(Training, "schedule") ?? "constant") switch
        {
            "constant" => new ConstantSchedule(rate),
            "cosine" => new CosineSchedule(rate, Float(Training, "minimum_learning_rate") ?? 0f, Float(Training, "warmup_epochs") ?? 0f),
            "step" => new StepSchedule(rate, Int(Training, "step_epochs") ?? 10, Float(Training, "step_factor") ?? 0.1f),
            var other => throw Error($"unknown schedule \"{other}\" (constant, cosine, step)"),
        };
        return new TrainingOptions
        {
            Epochs = epochs ?? Int(Training, "epochs") ?? 10,
            BatchSize = Int(Training, "batch_size") ?? 32,
            Seed = seed,
            Schedule = schedule,
            ClipNorm = Float(Training, "clip_norm") ?? 0f,
            EarlyStoppingPatience = Int(Training, "early_stopping_patience") ?? 0,
            CheckpointPath = checkpointPath,
            Augmentation = CreateAugmentation(),
        };
    }

    /// <summary>Image shifts and flips from the training section's "augmentation" object, or null when it asks for none.</summary>
    private ImageAugmentation? CreateAugmentation()
    {
        if (!TryGetAugmentation(out var augmentation) || !(augmentation.TryGetProperty("shift", out _) || augmentation.TryGetProperty("horizontal_flip", out _)))
        {
            return null;
        }

        if (InputShape is not [var height, var width, _])
        {
            throw Error("\"augmentation\" (shifts and flips) needs image inputs [height, width, channels]");
        }

        var shift = Int(augmentation, "shift") ?? 0;
        if (shift < 0 || shift >= Math.Min(height, width))
        {
            throw Error($"augmentation \"shift\" must be between 0 and {Math.Min(height, width) - 1} pixels, not {shift}");
        }

        return new ImageAugmentation(shift, Bool(augmentation, "horizontal_flip") ?? false);
    }

    /// <summary>
    /// The waveform augmentation for WAV data from the "augmentation" object ("time_shift_ms", "gain_db",
    /// "noise_probability", "noise_snr_db": [min, max]), or null when it asks for none.
    /// </summary>
    public ClipAugmentation? AudioAugmentation
    {
        get
        {
            if (!TryGetAugmentation(out var augmentation) || !s_audioAugmentationFields.Any(f => augmentation.TryGetProperty(f, out _)))
            {
                return null;
            }

            var shift = Int(augmentation, "time_shift_ms") ?? 0;
            var gain = Float(augmentation, "gain_db") ?? 0f;
            var probability = Float(augmentation, "noise_probability") ?? (augmentation.TryGetProperty("noise_snr_db", out _) ? 1f : 0f);
            var snr = FloatArray(augmentation, "noise_snr_db") ?? [10f, 20f];
            if (shift < 0 || !(gain >= 0) || !(probability is >= 0 and <= 1))
            {
                throw Error("augmentation \"time_shift_ms\" and \"gain_db\" must be at least 0 and \"noise_probability\" between 0 and 1");
            }

            if (snr is not [var low, var high] || !(low <= high))
            {
                throw Error("augmentation \"noise_snr_db\" must be [min, max] in decibels");
            }

            return new ClipAugmentation(shift, gain, probability, low, high);
        }
    }

    private bool TryGetAugmentation(out JsonElement augmentation)
    {
        augmentation = default;
        return Training.ValueKind == JsonValueKind.Object && Training.TryGetProperty("augmentation", out augmentation) && augmentation.ValueKind == JsonValueKind.Object;
    }

    /// <summary>Fraction of the training data held out for validation (default 0.1).</summary>
    public double ValidationFraction => Float(Training, "validation_fraction") ?? 0.1f;

    private Network BuildArchitecture(string name, ulong seed)
    {
        var options = _root.TryGetProperty("options", out var o) ? o : default;
        var classes = Int(_root, "classes") ?? 0;
        int Classes() => classes > 0 ? classes : throw Error($"architecture \"{name}\" needs \"classes\"");
        return name switch
        {
            "ds_cnn" => Architectures.DsCnn(InputShape, Classes(), Int(options, "filters") ?? 64, Int(options, "blocks") ?? 4, Float(options, "dropout") ?? 0.2f, seed),
            "mobilenet_v1" => Architectures.MobileNetV1(InputShape, Classes(), Float(options, "width") ?? 0.25f, seed),
            "resnet8" => Architectures.ResNet8(InputShape, Classes(), seed),
            "dense_autoencoder" => Architectures.DenseAutoencoder(Layer.Size(InputShape), Int(options, "hidden") ?? 128, Int(options, "bottleneck") ?? 8, Int(options, "depth") ?? 4, seed),
            "mlp" => Architectures.Mlp(InputShape, IntArray(options, "hidden") ?? [128], Classes(), Float(options, "dropout") ?? 0f, seed),
            "small_cnn" => Architectures.SmallCnn(InputShape, Classes(), Int(options, "filters") ?? 32, Int(options, "hidden") ?? 128, Float(options, "dropout") ?? 0.3f, seed),
            _ => throw Error($"unknown architecture \"{name}\" (ds_cnn, mobilenet_v1, resnet8, dense_autoencoder, mlp, small_cnn)"),
        };
    }

    private NodeRef AddLayer(NetworkBuilder b, JsonElement layer, NodeRef[] inputs, int index)
    {
        var type = String(layer, "type") ?? throw Error($"layer {index} has no \"type\"");
        var name = String(layer, "name");
        var x = inputs[0];
        var padding = (String(layer, "padding") ?? "same") switch
        {
            "same" => Padding.Same,
            "valid" => Padding.Valid,
            var other => throw Error($"layer {index}: padding \"{other}\" is neither \"same\" nor \"valid\""),
        };
        var bias = Bool(layer, "use_bias") ?? true;
        int Required(string field) => Int(layer, field) ?? throw Error($"layer {index} ({type}) needs \"{field}\"");
        (int, int) Pair(string field, int fallback) => IntArray(layer, field) is [var h, var w] ? (h, w) : (Int(layer, field) ?? fallback, Int(layer, field) ?? fallback);
        return type switch
        {
            "dense" => b.Dense(x, Required("units"), bias, name),
            "conv1d" => b.Conv1D(x, Required("filters"), Required("kernel"), Int(layer, "stride") ?? 1, padding, Int(layer, "dilation") ?? 1, bias, name),
            "conv2d" => b.Conv2D(x, Required("filters"), Pair("kernel", 3), Pair("stride", 1), padding, Pair("dilation", 1), bias, name),
            "depthwise_conv2d" => b.DepthwiseConv2D(x, Required("kernel"), Int(layer, "stride") ?? 1, padding, Int(layer, "multiplier") ?? 1, Int(layer, "dilation") ?? 1, bias, name),
            "separable_conv2d" => b.SeparableConv2D(x, Required("filters"), Required("kernel"), Int(layer, "stride") ?? 1, padding, bias, name),
            "max_pool2d" => b.MaxPool2D(x, Required("pool"), Int(layer, "stride"), String(layer, "padding") is null ? Padding.Valid : padding, name),
            "average_pool2d" => b.AveragePool2D(x, Required("pool"), Int(layer, "stride"), String(layer, "padding") is null ? Padding.Valid : padding, name),
            "global_average_pool" => b.GlobalAveragePool(x, name),
            "batch_norm" => b.BatchNorm(x, Float(layer, "momentum") ?? 0.9f, Float(layer, "epsilon") ?? 1e-3f, name),
            "relu" => b.ReLU(x, name),
            "relu6" => b.ReLU6(x, name),
            "leaky_relu" => b.LeakyReLU(x, Float(layer, "alpha") ?? 0.2f, name),
            "tanh" => b.Tanh(x, name),
            "sigmoid" => b.Sigmoid(x, name),
            "softmax" => b.Softmax(x, name),
            "dropout" => b.Dropout(x, Float(layer, "rate") ?? throw Error($"layer {index} (dropout) needs \"rate\""), name),
            "flatten" => b.Flatten(x, name),
            "reshape" => b.Reshape(x, IntArray(layer, "shape") ?? throw Error($"layer {index} (reshape) needs \"shape\""), name),
            "add" => b.Apply(new Layers.Add(name ?? $"add_{index}"), inputs),
            "concatenate" => b.Apply(new Layers.Concatenate(name ?? $"concatenate_{index}"), inputs),
            _ => throw Error($"layer {index}: unknown type \"{type}\""),
        };
    }

    private InvalidDataFileException Error(string problem) => new(_source, problem);

    private static string? String(JsonElement e, string field) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private int? Int(JsonElement e, string field) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.TryGetInt32(out var i) ? i : throw Error($"\"{field}\" must be an integer")
            : null;

    private static float? Float(JsonElement e, string field) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetSingle() : null;

    private static bool? Bool(JsonElement e, string field) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(field, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private float[]? FloatArray(JsonElement e, string field) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number ? d.GetSingle() : throw Error($"\"{field}\" must hold numbers"))]
            : null;

    private int[]? IntArray(JsonElement e, string field) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out var i) ? i : throw Error($"\"{field}\" must hold integers"))]
            : null;
}
