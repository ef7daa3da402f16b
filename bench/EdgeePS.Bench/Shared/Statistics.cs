namespace EdgeePS.Bench.Shared;

public static class Statistics
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    /// <summary>Linear interpolation between the two nearest ranks, so small samples (five rounds) give sensible medians.</summary>
    public static double Percentile(IEnumerable<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var position = fraction * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }
}
