using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Core.Hosting;

/// <summary>Top-level settings under <c>SupportAgent</c>; every other feature has its own section below it.</summary>
public sealed class SupportAgentOptions
{
    public const string SectionName = "SupportAgent";

    /// <summary>Key for tenant management. Empty means "generate one" (Development only; the host refuses otherwise).</summary>
    public string? OperatorKey { get; set; }

    /// <summary>Where SQLite files (and the embedded index) live. Relative paths resolve against the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory);
}
