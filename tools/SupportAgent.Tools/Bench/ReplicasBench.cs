using System.CommandLine;
using SupportAgent.Cli.Commands;

namespace SupportAgent.Tools.Bench;

/// <summary>
/// <c>bench replicas</c>: the same chat load against several deployment shapes in one run (by default one replica
/// on SQLite beside two on PostgreSQL + Redis), then, for each multi-replica shape, the cross-replica live reply
/// latency. Each shape gets fresh servers, a fresh database and the demo tenant.
/// </summary>
internal static class ReplicasBench
{
    public static Command Create()
    {
        var topologies = new Option<string[]>("--topologies")
        {
            Description = "Deployments to compare: sqlite:1 and/or postgres:N (N replicas; with N > 1 they share Redis and a fake Qdrant)",
            AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["sqlite:1", "postgres:2"],
        };
        var clients = new Option<int>("--clients") { Description = "Concurrent widget clients, spread evenly over the replicas", DefaultValueFactory = _ => 200 };
        var messages = new Option<int>("--messages") { Description = "Messages each client sends", DefaultValueFactory = _ => 5 };
        var replies = new Option<int>("--live-replies") { Description = "Staff replies sent through one replica to widgets on another (multi-replica shapes)", DefaultValueFactory = _ => 200 };
        var command = new Command("replicas", "Chat throughput and latency per deployment shape (one replica on SQLite vs N on PostgreSQL + Redis), and cross-replica live reply latency.")
        {
            topologies, clients, messages, replies, BenchOptions.Redis,
        };
        command.SetAction(async (parse, ct) =>
        {
            var shapes = parse.GetValue(topologies)!.Select(BenchTopology.Parse).ToList();
            var live = new List<string>();
            var errors = 0;
            Console.WriteLine("| deployment | clients | messages | answered | errors | wall s | messages/s | p50 ms | p95 ms | p99 ms | server CPU ms/message | driver CPU ms/message | server memory idle → peak (all replicas) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var shape in shapes)
            {
                await using var cluster = await BenchCluster.StartAsync(shape, parse.GetValue(GlobalOptions.Postgres), parse.GetValue(BenchOptions.Redis), ct);
                var figures = await ChatBench.RunAsync(cluster, parse.GetValue(clients), parse.GetValue(messages), ct);
                errors += figures.Errors;
                Console.WriteLine($"| {shape.Describe()} {figures.Row()}");
                if (!shape.Shared) continue;
                var relay = await LiveReplies.MeasureAsync(cluster, parse.GetValue(replies), ct);
                errors += relay.Lost;
                live.Add(relay.Row(shape.Describe()));
            }
            if (live.Count > 0)
            {
                Console.WriteLine();
                Console.WriteLine("Cross-replica live reply: staff reply through the last replica's API → the widget on the first, over SignalR.");
                Console.WriteLine();
                Console.WriteLine("| deployment | replies | lost | p50 ms | p95 ms | p99 ms |");
                Console.WriteLine("|---|---:|---:|---:|---:|---:|");
                live.ForEach(Console.WriteLine);
            }
            return errors == 0 ? 0 : 1;
        });
        return command;
    }
}
