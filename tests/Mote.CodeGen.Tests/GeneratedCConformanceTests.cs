using Mote.CodeGen.Toolchain;
using Mote.Runtime;
using Xunit.Abstractions;

namespace Mote.CodeGen.Tests;

/// <summary>
/// The generated C, compiled by host gcc as strict C99 under the address and undefined-behaviour sanitizers,
/// reproduces TFLM's outputs byte for byte on every case of every conformance model the generator accepts.
/// </summary>
public sealed class GeneratedCConformanceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_buildTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(2);

    [HostCompilerTheory]
    [MemberData(nameof(ConformanceCases.GeneratedModels), MemberType = typeof(ConformanceCases))]
    public void GeneratedCMatchesTflm(string model)
    {
        var library = CodeGenerator.Generate(ConformanceCases.Load(model), "model", model);
        var directory = Directory.CreateTempSubdirectory($"mote-codegen-{model}-").FullName;
        try
        {
            var test = TestMainWriter.Write(library, ConformanceCases.Cases(model));
            OutputFolder.Replace(directory, [.. library.Files, test]);
            var compiler = HostCompiler.Locate();
            var build = compiler.Build(directory, [.. library.Sources, test.Name], "test_main", s_buildTimeout);
            Assert.True(build.Succeeded, $"gcc failed for {model}:\n{build.Output}");

            var run = ProcessRunner.Run(Path.Combine(directory, "test_main"), [], directory, s_runTimeout);
            output.WriteLine(run.Output);
            Assert.True(run.Succeeded, $"generated C for {model} does not match TFLM{(run.TimedOut ? " (timed out)" : "")}:\n{run.Output}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [HostCompilerTheory]
    [MemberData(nameof(ConformanceCases.GeneratedModels), MemberType = typeof(ConformanceCases))]
    public void ArenaIsNoLargerThanTheInterpreters(string model)
    {
        var graph = ConformanceCases.Load(model);
        var library = CodeGenerator.Generate(graph, "model", model);
        Assert.True(library.ArenaBytes <= Interpreter.Create(graph, model).ArenaBytes);
    }
}
