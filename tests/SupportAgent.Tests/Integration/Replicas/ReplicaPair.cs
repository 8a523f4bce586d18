using System.Net.Http.Json;
using Npgsql;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Replicas;

/// <summary>
/// Two replicas of the real server on one real PostgreSQL database and one real Redis, each with its own data directory:
/// A a separate process (a real SIGKILL can end it), B a server in the test process. They share nothing else, so
/// whatever one sees of the other's work went through PostgreSQL or Redis, as between two machines; B is in process
/// because no test kills it, and a second server process would compile the whole server again.
/// </summary>
public sealed class ReplicaPair : IAsyncLifetime
{
    /// <summary>
    /// How long a job claim holds without renewal (renewed every third of it). The default leaves renewal plenty of
    /// slack on a loaded machine, for tests that never wait for a lease to run out; tests that kill a replica set a
    /// short one, since each of them waits for the dead replica's lease to expire.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether B starts with A (the default) or only when the test calls <see cref="StartB"/>: a test that kills A
    /// while it holds a job starts B afterwards, so the job is surely A's when it dies.
    /// </summary>
    public bool StartBWithA { get; init; } = true;

    /// <summary>B's data directory; the shared database is named after it (<see cref="TestPostgres"/>).</summary>
    private readonly string databaseKey = Path.Combine(Path.GetTempPath(), "supportagent-tests", "replicas-" + Guid.NewGuid().ToString("N"));
    private Dictionary<string, string> settings = null!;
    public ServerProcess A { get; private set; } = null!;
    public InProcessReplica B { get; private set; } = null!;
    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = TestPostgres.CreateDatabase(databaseKey);
        settings = new Dictionary<string, string>
        {
            ["SupportAgent:Database:Provider"] = "postgres",
            ["SupportAgent:Database:ConnectionString"] = ConnectionString,
            ["SupportAgent:Redis:ConnectionString"] = TestRedis.ConnectionString,
            // Renewed every third of it; a killed replica's jobs move on once it has run out.
            ["SupportAgent:Jobs:Lease"] = Lease.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["SupportAgent:Jobs:PollInterval"] = "00:00:00.200",
            // A replica looks for a classifier trained elsewhere this often (production: every 10 s).
            ["SupportAgent:Triage:ModelRefresh"] = "00:00:00.500",
        };
        // One after the other: the database is a migrated copy (TestPostgres), and the first creates the data-protection key
        // ring both share; the second reads it.
        A = await ServerProcess.StartAsync(settings);
        if (!StartBWithA) return;
        try { StartB(); }
        catch { await A.DisposeAsync(); throw; }
    }

    /// <summary>Starts B (see <see cref="StartBWithA"/>).</summary>
    public InProcessReplica StartB()
    {
        // On the shared database: B's data directory is the key it is named after.
        var app = new SupportAgentApp(databaseKey);
        foreach (var (key, value) in settings) app.With(key, value);
        return B = InProcessReplica.Start(app);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        // B's app drops the database it was started on; without B, the pair drops it.
        if (B is not null) await B.DisposeAsync();
        else TestPostgres.DropDatabase(databaseKey);
    }

    public async Task<SupportAgentApp.TenantKeys> CreateTenantAsync(Replica on, string id)
    {
        using var client = on.Client(SupportAgentApp.OperatorKey);
        var response = await client.PostAsJsonAsync("/api/tenants", new { id, name = $"Tenant {id}", allowedOrigins = new[] { "https://shop.example.com" } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreatedTenant>())!.Keys;
    }

    /// <summary>Each document of the tenant: id, status and version, read from the shared database.</summary>
    public async Task<List<(string Id, string Status, int Version)>> DocumentsAsync(string tenant)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Id", "Status", "Version" FROM "Documents" WHERE "TenantId" = @t""", connection);
        command.Parameters.AddWithValue("t", tenant);
        var rows = new List<(string, string, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        return rows;
    }

    /// <summary>The tenant's stored trainings, oldest first: version, state, who trained it and when, and whether it keeps its model.</summary>
    public async Task<List<(int Version, string State, string TrainedBy, DateTime Started, DateTime Finished, bool HasModel)>> TrainingsAsync(string tenant)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT "Version", "State", "TrainedBy", "StartedAt", "FinishedAt", "Model" IS NOT NULL FROM "TriageModels" WHERE "TenantId" = @t ORDER BY "Version" """, connection);
        command.Parameters.AddWithValue("t", tenant);
        var rows = new List<(int, string, string, DateTime, DateTime, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), DateTime.UnixEpoch.AddMilliseconds(reader.GetInt64(3)),
                DateTime.UnixEpoch.AddMilliseconds(reader.GetInt64(4)), reader.GetBoolean(5)));
        return rows;
    }

    /// <summary>Which replica process holds the lease of the tenant's job of that kind (null while nobody does).</summary>
    public async Task<int?> LeaseHolderAsync(string tenant, string kind)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "LeaseOwner" FROM "Jobs" WHERE "TenantId" = @t AND "Kind" = @k AND "LeaseOwner" IS NOT NULL""", connection);
        command.Parameters.AddWithValue("t", tenant);
        command.Parameters.AddWithValue("k", kind);
        // The owner is "machine:process id:worker".
        return await command.ExecuteScalarAsync() is string owner ? int.Parse(owner.Split(':')[^2]) : null;
    }

    public async Task<long> ScalarAsync(string sql, string tenant)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", tenant);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Polls the shared database until every document of the tenant is indexed or failed and no job is left (fails after four minutes).</summary>
    public async Task<List<(string Id, string Status, int Version)>> WaitUntilSettledAsync(string tenant, int expected)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var documents = await DocumentsAsync(tenant);
            // Settled means every job is finished too: a job is removed just after its document is recorded.
            var jobs = await ScalarAsync("""SELECT COUNT(*) FROM "Jobs" WHERE "TenantId" = @t""", tenant);
            if (documents.Count == expected && documents.All(d => d.Status is "Indexed" or "Failed") && jobs == 0) return documents;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Still waiting: {string.Join(", ", documents.Where(d => d.Status is not ("Indexed" or "Failed")).Select(d => $"{d.Id}={d.Status}"))}");
            await Task.Delay(200);
        }
    }

    public static (string Name, byte[] Content) Document(int i) => ($"article-{i:D3}.md", System.Text.Encoding.UTF8.GetBytes(
        $"# Article {i}\n\n" + string.Join("\n\n", Enumerable.Range(0, 12).Select(p =>
            $"## Section {p}\n\nParagraph {p} of article {i} explains how order {i * 100 + p} is shipped, returned and refunded within {p + 10} days."))));

    public static async Task<HttpResponseMessage> UploadAsync(Replica on, string tenant, string adminKey, (string Name, byte[] Content) file)
    {
        using var client = on.Client(adminKey);
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file.Content);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", file.Name);
        return await client.PostAsync($"/api/tenants/{tenant}/documents", form);
    }

    private sealed record CreatedTenant(string Id, string Name, SupportAgentApp.TenantKeys Keys);
}
