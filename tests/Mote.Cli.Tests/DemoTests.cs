namespace Mote.Cli.Tests;

public class DemoTests
{
    [EspeakFact]
    public void Quick_demo_synthesizes_trains_exports_runs_a_clip_quantizes_and_fit_checks()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mote-demo-{Guid.NewGuid():N}");
        try
        {
            var run = CliRun.Of("demo", "--out", folder, "--quick");

            Assert.True(run.ExitCode == ExitCodes.Success, run.Error + run.Out);
            Assert.True(File.Exists(Path.Combine(folder, "kws_float.tflite")));
            Assert.True(File.Exists(Path.Combine(folder, "kws_int8.tflite")));
            foreach (var step in new[] { "synthesize", "features", "train", "export", "run --wav", "float accuracy", "int8 accuracy", "fit", "total" })
            {
                Assert.Contains(step, run.Out);
            }

            // The synthesized data is kept and reused by the next run.
            var again = CliRun.Of("demo", "--out", folder, "--quick");
            Assert.True(again.ExitCode == ExitCodes.Success, again.Error);
            Assert.Contains("already there, reused", again.Out);
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
