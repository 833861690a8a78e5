using System.Diagnostics;

namespace Mote.Cli.Tests;

/// <summary>A `mote` command run as its own process and killed without warning, as `kill -9` would.</summary>
internal static class KilledRun
{
    /// <summary>Starts `mote ARGS` and SIGKILLs it as soon as OUTPUT/checkpoint.bin exists.</summary>
    public static void AfterFirstCheckpoint(string[] args, string output)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mote.dll"));
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var checkpoint = Path.Combine(output, "checkpoint.bin");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(checkpoint) && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            Thread.Sleep(5);
        }

        Assert.False(process.HasExited, $"mote {args[0]} ended (exit {(process.HasExited ? process.ExitCode : 0)}) before it could be killed");
        process.Kill(); // SIGKILL on Linux: no handler runs, as with kill -9.
        process.WaitForExit();
    }
}
