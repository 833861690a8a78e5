using Mote.Cli.Evaluation;

namespace Mote.Cli.Tests.Anomaly;

public sealed class AnomalyMetricsTests
{
    [Fact]
    public void Auc_counts_the_pairs_an_anomaly_outscores_a_normal_item()
    {
        // Pairs (anomaly, normal): 0.35 > 0.1, 0.35 < 0.4, 0.8 > 0.1, 0.8 > 0.4 → 3 of 4.
        Assert.Equal(0.75, AnomalyMetrics.RocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 12);
    }

    [Fact]
    public void Tied_scores_count_one_half()
    {
        // Anomalies {1, 3}, normals {1, 2}: 1 = 1 (½), 1 < 2 (0), 3 > 1 (1), 3 > 2 (1) → 2.5 of 4.
        Assert.Equal(0.625, AnomalyMetrics.RocAuc([1, 1, 2, 3], [false, true, false, true]), 12);
        Assert.Equal(0.5, AnomalyMetrics.RocAuc([7, 7, 7], [true, false, false]), 12);
    }

    [Fact]
    public void Perfect_and_inverted_rankings_give_one_and_zero()
    {
        Assert.Equal(1, AnomalyMetrics.RocAuc([0.1, 0.2, 0.9, 0.95], [false, false, true, true]), 12);
        Assert.Equal(0, AnomalyMetrics.RocAuc([0.9, 0.95, 0.1, 0.2], [false, false, true, true]), 12);
    }

    [Fact]
    public void Auc_needs_both_classes()
    {
        Assert.Throws<ArgumentException>(() => AnomalyMetrics.RocAuc([1, 2], [true, true]));
        Assert.Throws<ArgumentException>(() => AnomalyMetrics.RocAuc([1, 2], [true]));
    }

    [Fact]
    public void Percentile_interpolates_between_order_statistics()
    {
        Assert.Equal(2.5, AnomalyMetrics.Percentile([4, 1, 3, 2], 50), 12);
        Assert.Equal(1, AnomalyMetrics.Percentile([4, 1, 3, 2], 0), 12);
        Assert.Equal(4, AnomalyMetrics.Percentile([4, 1, 3, 2], 100), 12);

        // 99th of 0 … 100: position 99 exactly.
        Assert.Equal(99, AnomalyMetrics.Percentile([.. Enumerable.Range(0, 101).Select(i => (double)i)], 99), 12);

        // 90th of 1, 2, 3: position 1.8 → 2 + 0.8 · (3 − 2).
        Assert.Equal(2.8, AnomalyMetrics.Percentile([3, 1, 2], 90), 12);
    }
}
