using Mote.CodeGen.Toolchain;
using Mote.Graph;

namespace Mote.CodeGen.Tests;

/// <summary>
/// Generates a model's C, compiles it with a test main by host gcc as strict C99 under the address and
/// undefined-behaviour sanitizers, runs it on the cases and fails with the program's report unless every output byte
/// matches.
/// </summary>
public static class GeneratedProgram
{
    private static readonly TimeSpan s_buildTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Returns the program's output (its summary line and any mismatches).</summary>
    public static string AssertMatches(Model model, string name, IReadOnlyList<TestCase> cases)
    {
        var library = CodeGenerator.Generate(model, "model", name);
        var directory = Directory.CreateTempSubdirectory($"mote-codegen-{name}-").FullName;
        try
        {
            var test = TestMainWriter.Write(library, cases);
            OutputFolder.Replace(directory, [.. library.Files, test]);
            var build = HostCompiler.Locate().Build(directory, [.. library.Sources, test.Name], "test_main", s_buildTimeout);
            Assert.True(build.Succeeded, $"gcc failed for {name}:\n{build.Output}");

            var run = ProcessRunner.Run(Path.Combine(directory, "test_main"), [], directory, s_runTimeout);
            Assert.True(run.Succeeded, $"generated C for {name} does not match{(run.TimedOut ? " (timed out)" : "")}:\n{run.Output}");
            return run.Output;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
