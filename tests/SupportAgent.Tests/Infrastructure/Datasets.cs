namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// Finds the public development data sets kept beside the repository (<c>../shared/datasets</c>). Tests that need
/// them call <see cref="Require"/>: skipped with a message when absent, but under <c>CI=true</c> a missing data set
/// fails the test, so CI can never pass by silently not measuring.
/// </summary>
public static class Datasets
{
    public static string? Find(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets", relativePath);
            if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The path of the data set, or null when the test should be skipped (never under CI).</summary>
    public static string? Require(string relativePath)
    {
        var path = Find(relativePath);
        if (path is null && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Data set '{relativePath}' not found beside the repository (shared/datasets); CI must have it.");
        return path;
    }
}
