namespace Mote.Cli.Tests;

public class UsageTests
{
    [Fact]
    public void An_unknown_command_is_bad_usage()
    {
        var run = CliRun.Of("frobnicate");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("frobnicate", run.Error);
    }

    [Fact]
    public void A_missing_model_file_is_bad_input_naming_the_file()
    {
        var run = CliRun.Of("inspect", "no/such/model.tflite");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("mote: no/such/model.tflite: no such file", run.Error.Trim());
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_bad_input_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mote-cli-{Guid.NewGuid():N}.tflite");
        File.WriteAllText(path, "this is not a flatbuffer at all, just text");
        try
        {
            var run = CliRun.Of("inspect", path);

            Assert.Equal(ExitCodes.BadInput, run.ExitCode);
            Assert.StartsWith($"mote: {path}: ", run.Error);
            Assert.DoesNotContain("   at ", run.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("inspect")]
    [InlineData("convert")]
    [InlineData("run")]
    [InlineData("analyze")]
    [InlineData("targets")]
    [InlineData("fuzz")]
    [InlineData("demo")]
    [InlineData("train")]
    [InlineData("quantize")]
    [InlineData("codegen")]
    [InlineData("deploy")]
    public void Every_command_explains_itself_with_an_example(string command)
    {
        var run = CliRun.Of(command, "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Example:", run.Out);
        Assert.Contains($"mote {command}", run.Out);
    }
}
