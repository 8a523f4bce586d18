using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Replicas;

/// <summary>
/// Re-embedding after a change of model, as a leased job, on two replicas and one real PostgreSQL. The replicas share one
/// index (the embedded index on a data directory both use), so the job really is one per tenant and index: killing the
/// replica that re-embeds (a server process) leaves it to another (started in the test process once the first is dead,
/// so the job is surely the dead one's) once the lease expires.
/// </summary>
[SlowCollection, OnPostgres]
public sealed class ReplicaReembeddingTests : IAsyncLifetime
{
    private const string Tenant = "reembed";
    /// <summary>
    /// Twelve chunks each (a chunk never spans a heading): four batches of 64, so the kill lands after the first batch
    /// and before the last, and few enough that the shipped model is not kept busy for long.
    /// </summary>
    private const int Documents = 20;
    /// <summary>The data directory both replicas use; the shared database is named after it (<see cref="TestPostgres"/>).</summary>
    private readonly string shared = Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"));
    private readonly List<Replica> servers = [];
    private string connectionString = null!;

    public Task InitializeAsync()
    {
        connectionString = TestPostgres.CreateDatabase(shared);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var server in servers) await server.DisposeAsync();
        TestPostgres.DropDatabase(shared);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(shared, recursive: true); } catch (IOException) { }
    }

    /// <summary>The replicas' settings: the shipped model, the shared database and Redis, and a short lease.</summary>
    private Dictionary<string, string> Settings => new()
    {
        ["SupportAgent:Database:Provider"] = "postgres",
        ["SupportAgent:Database:ConnectionString"] = connectionString,
        ["SupportAgent:Redis:ConnectionString"] = TestRedis.ConnectionString,
        ["SupportAgent:Embeddings:Provider"] = "minilm",
        // A short lease so the killed replica's job moves on soon: the test waits for it to run out.
        ["SupportAgent:Jobs:Lease"] = "00:00:04",
        ["SupportAgent:Jobs:PollInterval"] = "00:00:00.200",
    };

    private async Task<ServerProcess> StartProcessAsync()
    {
        var server = await ServerProcess.StartAsync(Settings, shared);
        servers.Add(server);
        return server;
    }

    private InProcessReplica StartInProcess()
    {
        var app = new SupportAgentApp(shared) { KeepDataDirectory = true };
        foreach (var (key, value) in Settings) app.With(key, value);
        var server = InProcessReplica.Start(app);
        servers.Add(server);
        return server;
    }

    private async Task<long> PostgresAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", Tenant);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>The process id of the replica holding the tenant's re-embedding lease, or null.</summary>
    private async Task<int?> HolderAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "LeaseOwner" FROM "Jobs" WHERE "TenantId" = @t AND "Kind" = 'reembed-index' AND "LeaseOwner" IS NOT NULL""", connection);
        command.Parameters.AddWithValue("t", Tenant);
        return await command.ExecuteScalarAsync() is string owner ? int.Parse(owner.Split(':')[^2]) : null; // "machine:process id:worker"
    }

    /// <summary>The model the tenant's re-embedding job embeds with (its subject).</summary>
    private async Task<string> SubjectAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Subject" FROM "Jobs" WHERE "TenantId" = @t AND "Kind" = 'reembed-index'""", connection);
        command.Parameters.AddWithValue("t", Tenant);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The tenant's chunks in the shared index, and how many of them carry vectors of <paramref name="model"/>.</summary>
    private (long All, long OfModel) Chunks(string model)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(shared, "index.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(*) FILTER (WHERE model IS $m) FROM chunk_rows WHERE tenant_id = $t";
        command.Parameters.AddWithValue("$t", Tenant);
        command.Parameters.AddWithValue("$m", model);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task Until(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still waiting for {what}:\n{string.Join("\n", servers.OfType<ServerProcess>().Select(s => s.Output))}");
            await Task.Delay(100);
        }
    }

    private static async Task<string?> ReindexingAsync(Replica on)
    {
        using var client = on.Client();
        var ready = await client.GetFromJsonAsync<JsonElement>("/ready");
        return ready.GetProperty("checks").GetProperty("reindexing").TryGetProperty("description", out var d) ? d.GetString() : null;
    }

    [Fact]
    public async Task KillingTheReplicaThatReembedsATenantLetsTheOtherFinishOnceTheLeaseExpires()
    {
        // Indexed with the lexical embedder on the same data directory and database (a server in this process: only the
        // replica that is killed needs a process of its own), then the replicas start on the shipped model: every chunk
        // is stale.
        using (var seed = new SupportAgentApp(shared) { KeepDataDirectory = true })
        {
            var keys = await seed.CreateTenantAsync(Tenant);
            await Task.WhenAll(Enumerable.Range(0, Documents).Select(i => seed.UploadAsync(Tenant, keys.Admin, ReplicaPair.Document(i))));
            await Until(async () => await PostgresAsync("""SELECT COUNT(*) FROM "Documents" WHERE "TenantId" = @t AND "Status" = 'Indexed'""") == Documents
                && await PostgresAsync("""SELECT COUNT(*) FROM "Jobs" WHERE "TenantId" = @t""") == 0, "the seed ingestion");
        }
        var (total, _) = Chunks("");
        var dying = await StartProcessAsync();

        int? holder = null;
        await Until(async () => (holder = await HolderAsync()) is not null, "the replica to claim the re-embedding");
        var model = await SubjectAsync();
        await Until(() => Task.FromResult(Chunks(model).OfModel > 0), "the first re-embedded batch");
        Assert.Equal(holder, await HolderAsync()); // still running there: not finished before the kill
        dying.Kill();
        var reembeddedByTheDead = Chunks(model).OfModel;
        var surviving = StartInProcess();
        var readyMeanwhile = await ReindexingAsync(surviving);
        int? taker = null;
        await Until(async () => (taker = await HolderAsync()) != dying.ProcessId || await PostgresAsync("""SELECT COUNT(*) FROM "Jobs" WHERE "TenantId" = @t""") == 0, "the job to be taken over");
        await Until(async () => await PostgresAsync("""SELECT COUNT(*) FROM "Jobs" WHERE "TenantId" = @t""") == 0, "the re-embedding to finish");
        var readyAfter = await ReindexingAsync(surviving);

        Assert.Equal(dying.ProcessId, holder);
        Assert.True(total > 2 * 64, $"only {total} chunks");
        Assert.InRange(reembeddedByTheDead, 1, total - 1);
        Assert.Contains("Re-indexing in progress", readyMeanwhile);
        Assert.Equal(surviving.ProcessId, taker);
        Assert.Equal((total, total), Chunks(model));
        Assert.Null(readyAfter);
    }
}
