using System.CommandLine;

namespace SupportAgent.Cli.Commands;

internal static class GlobalOptions
{
    /// <summary>Points the CLI at a server's data directory (overrides SupportAgent:DataDirectory).</summary>
    public static readonly Option<string?> DataDirectory = new("--data-dir")
    {
        Description = "The data directory to work on (default: SupportAgent:DataDirectory, i.e. ./data)",
        Recursive = true,
    };

    /// <summary>Any setting for this run, as the server would read it (e.g. <c>--set SupportAgent:Llm:Model=gpt-4o-mini</c>).</summary>
    public static readonly Option<string[]> Settings = new("--set")
    {
        Description = "Override a setting for this run: key=value (repeatable), keys as in appsettings.json",
        Recursive = true,
    };

    /// <summary>Points the CLI at a server's PostgreSQL database (overrides SupportAgent:Database).</summary>
    public static readonly Option<string?> Postgres = new("--postgres")
    {
        Description = "An Npgsql connection string: work on that PostgreSQL database (default: SupportAgent:Database, i.e. SQLite in the data directory)",
        Recursive = true,
    };
}
