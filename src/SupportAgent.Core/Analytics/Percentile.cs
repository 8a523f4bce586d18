namespace SupportAgent.Core.Analytics;

public static class Percentile
{
    /// <summary>
    /// Linear interpolation between closest ranks (the common "type 7" definition, as in numpy and Excel's PERCENTILE.INC),
    /// so the median of an even sample is the mean of its middle pair. Null for an empty sample.
    /// </summary>
    public static double? Of(IEnumerable<double> values, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return null;
        var rank = p / 100 * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
    }
}
