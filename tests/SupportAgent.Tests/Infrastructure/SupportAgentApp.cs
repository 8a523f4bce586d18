using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Data;

namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// The real server in process, with its own data directory and its own database per instance: a real SQLite file,
/// or a real PostgreSQL database when the suite runs on PostgreSQL (<see cref="TestDatabase"/>).
/// </summary>
public sealed class SupportAgentApp : WebApplicationFactory<Program>
{
    public const string OperatorKey = "test-operator-key";
    public string DataDirectory { get; }
    /// <summary>Leave the data directory on dispose, so a second instance can start on it (a restart).</summary>
    public bool KeepDataDirectory { get; init; }
    private readonly Dictionary<string, string?> settings = new();
    private readonly List<Action<IServiceCollection>> serviceOverrides = [];

    public SupportAgentApp(string? dataDirectory = null)
    {
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"));
        if (TestDatabase.IsPostgres) PostgresConnectionString = TestPostgres.CreateDatabase(DataDirectory);
    }

    /// <summary>This app's own PostgreSQL database, when the suite runs on PostgreSQL.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>What the CLI needs to work on this app's data: its data directory and, on PostgreSQL, its database.</summary>
    public string[] CliDataArguments => PostgresConnectionString is null
        ? ["--data-dir", DataDirectory]
        : ["--data-dir", DataDirectory, "--postgres", PostgresConnectionString];

    /// <summary>Overrides a configuration key before the server starts.</summary>
    public SupportAgentApp With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>Replaces services before the server starts (fakes for the edges that cannot run here).</summary>
    public SupportAgentApp WithServices(Action<IServiceCollection> configure)
    {
        serviceOverrides.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("SupportAgent:DataDirectory", DataDirectory);
        builder.UseSetting("SupportAgent:OperatorKey", OperatorKey);
        builder.UseSetting("SupportAgent:Demo:Seed", "false");
        // Tests send bursts from one address; only the tests that prove the limits switch them on.
        builder.UseSetting("SupportAgent:RateLimits:Enabled", "false");
        if (PostgresConnectionString is not null)
        {
            builder.UseSetting("SupportAgent:Database:Provider", "postgres");
            builder.UseSetting("SupportAgent:Database:ConnectionString", PostgresConnectionString);
        }
        // The lexical embedder keeps tests that are not about understanding fast; tests about it opt into a shipped model.
        builder.UseSetting("SupportAgent:Embeddings:Provider", "hashing");
        // Warnings and errors only, as the out-of-process servers (ServerProcess), and none on the console: nobody reads
        // the test process's console (a failure reports its own exception), and hundreds of hosts writing it cost CPU.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:Console:LogLevel:Default", "None");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        // Once, after the product's own registrations, so an override replaces what it names.
        builder.ConfigureTestServices(services => serviceOverrides.ForEach(configure => configure(services)));
    }

    public HttpClient ClientWithKey(string? key)
    {
        var client = CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public async Task<TenantKeys> CreateTenantAsync(string id)
    {
        using var client = ClientWithKey(OperatorKey);
        var response = await client.PostAsJsonAsync("/api/tenants", new { id, name = $"Tenant {id}", allowedOrigins = new[] { "https://shop.example.com" } });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<CreatedTenant>();
        return body!.Keys;
    }

    /// <summary>Uploads text files and, when accepted, waits until every accepted document has finished indexing.</summary>
    public Task<HttpResponseMessage> UploadAsync(string tenant, string adminKey, params (string Name, string Content)[] files) =>
        UploadAsync(tenant, adminKey, [.. files.Select(f => (f.Name, System.Text.Encoding.UTF8.GetBytes(f.Content)))]);

    public async Task<HttpResponseMessage> UploadAsync(string tenant, string adminKey, params (string Name, byte[] Content)[] files)
    {
        var response = await PostFilesAsync(tenant, adminKey, files);
        if (response.StatusCode == System.Net.HttpStatusCode.Accepted) await WaitForIndexingAsync(tenant, adminKey, response);
        return response;
    }

    /// <summary>Posts the multipart upload without waiting for the background indexing.</summary>
    public async Task<HttpResponseMessage> PostFilesAsync(string tenant, string adminKey, params (string Name, byte[] Content)[] files)
    {
        using var client = ClientWithKey(adminKey);
        using var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "file", name);
        }
        var response = await client.PostAsync($"/api/tenants/{tenant}/documents", form);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Polls the documents API until each document the upload accepted is indexed or failed.</summary>
    public async Task WaitForIndexingAsync(string tenant, string adminKey, HttpResponseMessage upload)
    {
        // Read as a string: the buffered body stays readable for the test (a read stream would be consumed).
        var body = System.Text.Json.JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement;
        var ids = body.GetProperty("documents").EnumerateArray()
            .Where(d => d.GetProperty("status").GetString() is "pending" or "indexing")
            .Select(d => d.GetProperty("id").GetString()!).ToList();
        await WaitForStatusAsync(tenant, adminKey, ids, "indexed", "failed");
    }

    /// <summary>Polls until each document's status is one of <paramref name="statuses"/> (fails after 30 s).</summary>
    public async Task WaitForStatusAsync(string tenant, string adminKey, IReadOnlyCollection<string> ids, params string[] statuses)
    {
        using var client = ClientWithKey(adminKey);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var id in ids)
        {
            while (true)
            {
                var document = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/tenants/{tenant}/documents/{Uri.EscapeDataString(id)}");
                if (statuses.Contains(document.GetProperty("status").GetString())) break;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Document '{id}' is still {document.GetProperty("status")} after 30 s.");
                await Task.Delay(25);
            }
        }
    }

    /// <summary>A tenant with the small test knowledge base ingested.</summary>
    public async Task<TenantKeys> CreateTenantWithKnowledgeAsync(string id)
    {
        var keys = await CreateTenantAsync(id);
        var response = await UploadAsync(id, keys.Admin, TestKnowledge.Files);
        response.EnsureSuccessStatusCode();
        return keys;
    }

    public HubConnection Hub(string key) => new HubConnectionBuilder()
        .WithUrl(new Uri(Server.BaseAddress, "/hubs/chat"), options =>
        {
            options.Transports = HttpTransportType.LongPolling;
            options.HttpMessageHandlerFactory = _ => Server.CreateHandler();
            options.AccessTokenProvider = () => Task.FromResult<string?>(key);
        })
        .WithEnumsAsStrings()
        .Build();

    public async Task<T> InDatabaseAsync<T>(Func<SupportDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SupportDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SqliteConnection.ClearAllPools();
        if (KeepDataDirectory) return;
        if (PostgresConnectionString is not null) TestPostgres.DropDatabase(DataDirectory);
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public sealed record TenantKeys(string Admin, string Staff, string Widget);
    private sealed record CreatedTenant(string Id, string Name, TenantKeys Keys);
}
