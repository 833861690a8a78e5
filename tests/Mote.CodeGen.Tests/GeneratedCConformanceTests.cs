using Mote.Runtime;
using Xunit.Abstractions;

namespace Mote.CodeGen.Tests;

/// <summary>
/// The generated C, compiled by host gcc as strict C99 under the address and undefined-behaviour sanitizers,
/// reproduces TFLM's outputs byte for byte on every case of every conformance model the generator accepts.
/// </summary>
public sealed class GeneratedCConformanceTests(ITestOutputHelper output)
{
    [HostCompilerTheory]
    [MemberData(nameof(ConformanceCases.GeneratedModels), MemberType = typeof(ConformanceCases))]
    public void GeneratedCMatchesTflm(string model) =>
        output.WriteLine(GeneratedProgram.AssertMatches(ConformanceCases.Load(model), model, ConformanceCases.Cases(model)));

    [HostCompilerTheory]
    [MemberData(nameof(ConformanceCases.GeneratedModels), MemberType = typeof(ConformanceCases))]
    public void ArenaIsNoLargerThanTheInterpreters(string model)
    {
        var graph = ConformanceCases.Load(model);
        var library = CodeGenerator.Generate(graph, "model", model);
        Assert.True(library.ArenaBytes <= Interpreter.Create(graph, model).ArenaBytes);
    }
}
