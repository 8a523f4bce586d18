namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// A fact that needs development data sets: skipped with a message when they are absent, except under CI=true,
/// where the test runs and fails on the missing data (see <see cref="Datasets.Require"/>).
/// </summary>
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute(params string[] relativePaths)
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var missing = relativePaths.FirstOrDefault(p => Datasets.Find(p) is null);
        if (missing is not null && !ci) Skip = $"Data set '{missing}' not found beside the repository (shared/datasets).";
    }
}
