using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Core.Hosting;

public sealed class DatabaseOptions
{
    public const string SectionName = "SupportAgent:Database";

    /// <summary><c>sqlite</c> (embedded default) or <c>postgres</c>.</summary>
    [Required, RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// For <c>postgres</c> an Npgsql connection string (required), e.g. <c>Host=db;Database=supportagent;Username=app;Password=…</c>.
    /// For <c>sqlite</c>, empty means a file <c>supportagent.db</c> in the data directory.
    /// </summary>
    public string? ConnectionString { get; set; }
}
