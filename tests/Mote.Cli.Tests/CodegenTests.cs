using Mote.Testing;

namespace Mote.Cli.Tests;

public sealed class CodegenTests
{
    [ConformanceFact]
    public void An_unsupported_operator_is_refused_by_name_before_any_file_is_written()
    {
        var parent = Directory.CreateTempSubdirectory("mote-cli-codegen-").FullName;
        try
        {
            var output = Path.Combine(parent, "out");
            var run = CliRun.Of("codegen", Conformance.ModelPath("audio_preprocessor_int8"), "--out", output);

            Assert.Equal(ExitCodes.BadInput, run.ExitCode);
            Assert.Contains("CUSTOM:SignalWindow (operator 0)", run.Error, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(parent));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [ConformanceTheory]
    [InlineData("c", "kws.h")]
    [InlineData("tflm", "kws_model_data.c")]
    [InlineData("arduino", "library.properties")]
    public void Each_style_replaces_an_existing_folder_whole(string style, string expectedFile)
    {
        var parent = Directory.CreateTempSubdirectory("mote-cli-codegen-").FullName;
        try
        {
            var output = Path.Combine(parent, "out");
            Directory.CreateDirectory(output);
            File.WriteAllText(Path.Combine(output, "stale.c"), "old");

            var run = CliRun.Of("codegen", Conformance.ModelPath("kws_ref"), "--out", output, "--style", style, "--name", "kws");

            Assert.Equal(ExitCodes.Success, run.ExitCode);
            Assert.True(File.Exists(Path.Combine(output, expectedFile)), run.Out);
            Assert.False(File.Exists(Path.Combine(output, "stale.c")));
            Assert.Equal([output], Directory.GetDirectories(parent));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
