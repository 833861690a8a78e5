using System.Diagnostics;
using System.Globalization;

namespace Mote.Benchmarks;

/// <summary>
/// `latency-vs-tflm [MODEL,...]`: times every quantized conformance model the way the manifests' TFLM latency was
/// taken (5 round-robin rounds over all models, each 3 warm-up and 20 timed Invoke calls on case_0; the median of
/// the round medians), and prints it beside TFLM's with the ratio. Quicker than BenchmarkDotNet over 140 models, and
/// the same protocol as the reference figure.
/// </summary>
internal static class TflmProtocolComparison
{
    private const int Rounds = 5;
    private const int WarmUp = 3;
    private const int Timed = 20;

    public static int Run(string[] models)
    {
        var names = models.Length > 0 ? models : ConformanceModels.Quantized().ToArray();
        var interpreters = names.Select(ConformanceModels.Load).ToArray();
        var roundMedians = names.Select(_ => new List<double>()).ToArray();
        var times = new double[Timed];
        for (int round = 0; round < Rounds; round++)
        {
            for (int m = 0; m < names.Length; m++)
            {
                for (int i = 0; i < WarmUp; i++)
                {
                    interpreters[m].Invoke();
                }

                for (int i = 0; i < Timed; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    interpreters[m].Invoke();
                    times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                }

                roundMedians[m].Add(Median(times));
            }
        }

        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine("| model | Mote median (us) | TFLM median (us) | Mote/TFLM |");
        Console.WriteLine("|---|---:|---:|---:|");
        int slower = 0;
        for (int m = 0; m < names.Length; m++)
        {
            double mote = Median(roundMedians[m].ToArray());
            double? tflm = ConformanceModels.TflmMedianMicroseconds(names[m]);
            string ratio = tflm is { } t ? (mote / t).ToString("0.00", invariant) : "-";
            slower += tflm is { } reference && mote > reference ? 1 : 0;
            Console.WriteLine(string.Format(invariant, "| {0} | {1:0.0} | {2} | {3} |", names[m], mote, tflm?.ToString("0.0", invariant) ?? "-", ratio));
        }

        Console.WriteLine($"{names.Length} models, {slower} slower than TFLM's manifest median.");
        return 0;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
