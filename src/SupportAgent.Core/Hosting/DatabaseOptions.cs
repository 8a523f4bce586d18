using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Core.Hosting;

public sealed class DatabaseOptions
{
    public const string SectionName = "SupportAgent:Database";

    /// <summary><c>sqlite</c> (embedded default) or <c>postgres</c>.</summary>
    [Required, RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Empty means a SQLite file <c>supportagent.db</c> in the data directory.</summary>
    public string? ConnectionString { get; set; }
}
