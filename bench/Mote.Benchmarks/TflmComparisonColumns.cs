using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Mote.Benchmarks;

/// <summary>Adds TFLM's manifest latency and Mote's median ÷ TFLM's to the summary of a benchmark with a <c>Model</c> parameter.</summary>
public sealed class TflmComparisonConfig : ManualConfig
{
    public TflmComparisonConfig()
    {
        AddColumn(new TflmColumn(ratio: false), new TflmColumn(ratio: true));
    }
}

/// <summary>TFLM's <c>host_latency.median_us</c> for the case's model, or Mote's median divided by it (below 1: Mote is faster).</summary>
internal sealed class TflmColumn(bool ratio) : IColumn
{
    public string Id => ratio ? "MoteOverTflm" : "TflmMedian";

    public string ColumnName => ratio ? "Mote/TFLM" : "TFLM median";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => ratio ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => ratio
        ? "Mote's median ÷ TFLM's manifest median (TFLM reference kernels, -O2); below 1 Mote is faster"
        : "TFLM reference kernels' median latency from the model's manifest.json (host_latency.median_us)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters["Model"] is not string model || ConformanceModels.TflmMedianMicroseconds(model) is not { } tflm)
        {
            return "-";
        }

        if (!ratio)
        {
            return $"{tflm:0.0} us";
        }

        return summary[benchmarkCase]?.ResultStatistics is { } statistics ? $"{statistics.Median / 1000 / tflm:0.00}" : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
