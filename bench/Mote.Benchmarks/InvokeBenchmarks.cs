using BenchmarkDotNet.Attributes;
using Mote.Runtime;

namespace Mote.Benchmarks;

/// <summary>
/// One <see cref="Interpreter.Invoke"/> of each int8 conformance model on its case_0 input, the input TFLM's
/// <c>host_latency</c> in the manifests was measured with; the summary sets Mote's median beside TFLM's.
/// </summary>
[MedianColumn]
[Config(typeof(TflmComparisonConfig))]
public class InvokeBenchmarks
{
    private Interpreter _interpreter = null!;

    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = "";

    public static IEnumerable<string> Models() => ConformanceModels.Int8();

    [GlobalSetup]
    public void Setup() => _interpreter = ConformanceModels.Load(Model);

    [Benchmark]
    public void Invoke() => _interpreter.Invoke();
}
