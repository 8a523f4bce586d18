using Npgsql;
using SupportAgent.Tests.Fakes.Qdrant;

namespace SupportAgent.Tools.Bench;

/// <summary>
/// The deployment under load: one or more replicas of the real server (child processes, each with its own data
/// directory) sharing the demo tenant's keys, and what they share: a fresh PostgreSQL database, Redis, a fake Qdrant.
/// Memory is the sum of the replicas' resident sets.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly List<BenchServer> replicas = [];
    private string? adminConnectionString, database;
    private FakeQdrantServer? qdrant;

    public IReadOnlyList<BenchServer> Replicas => replicas;
    public string WidgetKey => replicas[0].WidgetKey;
    public string OperatorKey { get; } = BenchServer.NewKey("operator");
    public bool MemoryKnown => replicas.All(r => r.MemoryKnown);

    public long? MemoryBytes() => MemoryKnown ? replicas.Sum(r => r.MemoryBytes() ?? 0) : null;

    /// <summary>CPU time of all replicas' processes together, or null for a server at a URL.</summary>
    public TimeSpan? CpuTime() => MemoryKnown ? replicas.Aggregate(TimeSpan.Zero, (sum, r) => sum + (r.CpuTime() ?? TimeSpan.Zero)) : null;

    public static BenchCluster Of(BenchServer server)
    {
        var cluster = new BenchCluster();
        cluster.replicas.Add(server);
        return cluster;
    }

    public static async Task<BenchCluster> StartAsync(BenchTopology topology, string? postgres, string? redis, CancellationToken ct)
    {
        var cluster = new BenchCluster();
        try
        {
            var settings = new Dictionary<string, string>();
            if (topology.Database == "postgres")
            {
                if (postgres is null) throw new ArgumentException("--postgres (an Npgsql connection string) is required for a postgres topology.");
                settings["SupportAgent:Database:Provider"] = "postgres";
                settings["SupportAgent:Database:ConnectionString"] = await cluster.CreateDatabaseAsync(postgres, ct);
            }
            if (topology.Shared)
            {
                settings["SupportAgent:Redis:ConnectionString"] = redis ?? throw new ArgumentException("--redis is required for more than one replica.");
                cluster.qdrant = await FakeQdrantServer.StartAsync();
                settings["SupportAgent:Index:Provider"] = "qdrant";
                settings["SupportAgent:Qdrant:Url"] = cluster.qdrant.Url.ToString();
            }
            var widgetKey = BenchServer.NewKey("widget");
            // One after the other: the first applies the migrations and seeds the demo tenant; the others find both done.
            for (var i = 0; i < topology.Replicas; i++)
                cluster.replicas.Add(await BenchServer.StartAsync(ct, settings, widgetKey, cluster.OperatorKey));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh database per run, so no earlier run's conversations weigh on this one.</summary>
    private async Task<string> CreateDatabaseAsync(string connectionString, CancellationToken ct)
    {
        adminConnectionString = connectionString;
        database = $"supportagent_bench_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in replicas) await replica.DisposeAsync();
        if (qdrant is not null) await qdrant.DisposeAsync();
        if (database is not null)
        {
            await using var connection = new NpgsqlConnection(adminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
