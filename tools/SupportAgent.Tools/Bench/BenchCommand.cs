using System.CommandLine;

namespace SupportAgent.Tools.Bench;

/// <summary>Load drivers and throughput measurements; each subcommand prints figures ready for docs/benchmarks.md.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Measure the product on this machine.")
    {
        ChatBench.Create(),
        ReplicasBench.Create(),
        ConnectionsBench.Create(),
        BenchIngestCommand.Create(),
        RetrievalBench.Create(),
        EmbeddingBench.Create(),
    };
}
