using System.Diagnostics;
using Mote.Testing;
using Mote.TfLite.Fuzzing;
using Xunit.Abstractions;

namespace Mote.TfLite.Tests;

public class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20240611;

    [ConformanceFact]
    public void Mutated_small_models_read_or_fail_with_InvalidModelException()
    {
        // Small models (all under 64 KB) keep 20,000 variants to a few seconds.
        var corpus = Conformance.ModelNames().Select(Conformance.ModelPath).Where(p => new FileInfo(p).Length <= 64 * 1024);
        Run(ModelFuzzer.FromFiles(corpus), Seed, 20_000);
    }

    [ConformanceFact]
    public void Mutated_medium_models_read_or_fail_with_InvalidModelException()
    {
        var corpus = Conformance.ModelNames().Select(Conformance.ModelPath).Where(p => new FileInfo(p).Length is > 64 * 1024 and <= 400 * 1024);
        Run(ModelFuzzer.FromFiles(corpus), Seed + 1, 1_000);
    }

    private void Run(ModelFuzzer fuzzer, int seed, int count)
    {
        var clock = Stopwatch.StartNew();
        var report = fuzzer.Run(seed, count);
        output.WriteLine($"seed {seed}: {report.Variants} variants, {report.Accepted} still read, {report.Failures.Count} failures, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Take(5)));
    }
}
