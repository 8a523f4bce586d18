using System.CommandLine;

namespace SupportAgent.Cli.Commands.Bench;

/// <summary><c>bench</c>: measurements quoted in docs/benchmarks.md, each reproducible with one command.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Measure performance on this machine.")
    {
        RetrievalBench.Create(),
    };
}
