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
}
