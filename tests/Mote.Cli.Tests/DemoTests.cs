namespace Mote.Cli.Tests;

public class DemoTests
{
    [Fact]
    public void Demo_trains_exports_verifies_and_fit_checks_on_built_in_data()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mote-demo-{Guid.NewGuid():N}");
        try
        {
            var run = CliRun.Of("demo", "--out", folder, "--epochs", "60");

            Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
            Assert.True(File.Exists(Path.Combine(folder, "sine_float.tflite")));
            Assert.Contains("interpreter vs trainer", run.Out);
            Assert.Contains("nano33ble", run.Out);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
