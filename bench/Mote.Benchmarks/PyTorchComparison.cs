using System.Diagnostics;

namespace Mote.Benchmarks;

/// <summary>
/// `training-vs-pytorch`: DS-CNN training throughput of Mote next to PyTorch's on the same machine, in one run, so
/// the ratio is not skewed by whatever else the machine did at another time. Both sides time single training
/// steps (batch 100) after a warm-up and take the median. PyTorch comes from Debian's python3-torch; it is a
/// reference for people, never run in CI.
/// </summary>
public static class PyTorchComparison
{
    private const int WarmupSteps = 5;
    private const int TimedSteps = 30;
    private const int BatchSize = 100;

    public static int Run()
    {
        var mote = MoteSamplesPerSecond();
        Console.WriteLine($"Mote    DS-CNN 49x10, batch {BatchSize}: {mote,8:F1} samples/s");

        // PyTorch's OpenMP threads spin while they wait, which costs it dearly on a busy machine; the reference is
        // its better figure of one thread and all cores.
        var script = Path.Combine(AppContext.BaseDirectory, "pytorch", "ds_cnn_train_step.py");
        double? best = null;
        foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            var (torch, detail) = PyTorchSamplesPerSecond(script, threads);
            if (torch is null)
            {
                Console.WriteLine($"PyTorch not measured: {detail}");
                Console.WriteLine("Install it with: apt-get install python3-torch (Debian's Python is /usr/bin/python3; set MOTE_PYTHON to use another).");
                return 1;
            }

            Console.WriteLine($"PyTorch DS-CNN 49x10, batch {BatchSize}: {torch,8:F1} samples/s ({detail})");
            best = Math.Max(best ?? 0, torch.Value);
        }

        Console.WriteLine($"Mote / best PyTorch throughput ratio: {mote / best:F2}");
        return 0;
    }

    private static double MoteSamplesPerSecond()
    {
        var benchmark = new TrainingThroughput();
        benchmark.Setup();
        for (var i = 0; i < WarmupSteps; i++)
        {
            benchmark.DsCnnStep();
        }

        var seconds = new double[TimedSteps];
        for (var i = 0; i < TimedSteps; i++)
        {
            var clock = Stopwatch.StartNew();
            benchmark.DsCnnStep();
            seconds[i] = clock.Elapsed.TotalSeconds;
        }

        Array.Sort(seconds);
        return BatchSize / seconds[TimedSteps / 2];
    }

    private static (double? SamplesPerSecond, string Detail) PyTorchSamplesPerSecond(string script, int threads)
    {
        var python = Environment.GetEnvironmentVariable("MOTE_PYTHON") ?? (File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--batch", $"{BatchSize}", "--warmup", $"{WarmupSteps}", "--steps", $"{TimedSteps}", "--threads", $"{threads}" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{python} did not start");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, $"{python} could not be started: {e.Message}");
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                return (null, $"{python} {script} exited with {process.ExitCode}: {error.Result.Trim()}");
            }

            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var rate = lines.FirstOrDefault(l => l.StartsWith("samples_per_second=", StringComparison.Ordinal));
            if (rate is null || !double.TryParse(rate["samples_per_second=".Length..], System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return (null, $"unexpected output from {script}: {output.Trim()}");
            }

            return (value, string.Join(", ", lines.Where(l => l != rate)));
        }
    }
}
