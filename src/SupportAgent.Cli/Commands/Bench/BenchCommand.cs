using System.CommandLine;

namespace SupportAgent.Cli.Commands.Bench;

/// <summary>Measurements on this machine, printed with what was measured; one subcommand per benchmark.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Run a benchmark and print its figures.")
    {
        BenchIngestCommand.Create(),
    };
}
