namespace Mote.Cli.Evaluation;

/// <summary>Scores of an anomaly detector (higher means more anomalous) turned into a threshold and ROC AUC.</summary>
public static class AnomalyMetrics
{
    /// <summary>
    /// Area under the ROC curve: the probability that a random anomalous item scores higher than a random normal one,
    /// ties counting one half (the Mann–Whitney U statistic over P·N, from mid-ranks of the sorted scores).
    /// </summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> anomalous)
    {
        if (scores.Count != anomalous.Count)
        {
            throw new ArgumentException($"{scores.Count} scores for {anomalous.Count} labels", nameof(anomalous));
        }

        long positives = anomalous.Count(a => a);
        long negatives = anomalous.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException("ROC AUC needs both normal and anomalous items", nameof(anomalous));
        }

        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            // Ranks start + 1 … end + 1 are tied: each gets their mean.
            double midRank = (start + end + 2) / 2.0;
            for (int i = start; i <= end; i++)
            {
                positiveRankSum += anomalous[order[i]] ? midRank : 0;
            }

            start = end + 1;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }

    /// <summary>The <paramref name="percent"/>-th percentile with linear interpolation between order statistics.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var sorted = values.Order().ToArray();
        double position = percent / 100 * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
