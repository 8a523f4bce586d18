using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Adapters;

/// <summary>
/// One server for the class (the fake adapter server listens on loopback, which only an operator's setting lets
/// through). Adapter names are unique across the server's tenants, so each test has tenants and adapter names of its own.
/// </summary>
public class AdapterRegistryTests(LoopbackAdaptersApp shared) : IClassFixture<LoopbackAdaptersApp>, IAsyncLifetime
{
    private const string BaseModel = "meta-llama/Llama-3.1-8B-Instruct";
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private readonly string globexId = TenantIds.New("globex");
    /// <summary>The adapter the fake server serves on the base model, and one it serves on another.</summary>
    private readonly string tone = TenantIds.New("acme-tone");
    private readonly string otherBase = TenantIds.New("other-base");
    private readonly string typo = TenantIds.New("acme-typo");
    private FakeOpenAiServer lora = null!;
    private SupportAgentApp.TenantKeys acme = null!;
    private SupportAgentApp.TenantKeys globex = null!;

    public async Task InitializeAsync()
    {
        lora = await FakeOpenAiServer.StartAsync();
        lora.Models.Clear();
        lora.Models.Add(BaseModel);
        lora.LoraModules[tone] = BaseModel;
        lora.LoraModules[otherBase] = "mistralai/Mistral-7B-Instruct-v0.3";
        acme = await app.CreateTenantAsync(acmeId);
        globex = await app.CreateTenantAsync(globexId);
    }

    public async Task DisposeAsync() => await lora.DisposeAsync();

    /// <summary>The adapters this test's tenants have stored.</summary>
    private Task<List<SupportAgent.Core.Adapters.Adapter>> StoredAsync() =>
        app.InDatabaseAsync(db => db.Adapters.AsNoTracking().Where(a => a.TenantId == acmeId || a.TenantId == globexId).ToListAsync());

    private async Task<HttpResponseMessage> PutAsync(string tenant, string key, string name, string? apiKey = "sk-secret-123", string baseModel = BaseModel)
    {
        using var client = app.ClientWithKey(key);
        return await client.PutAsJsonAsync($"/api/tenants/{tenant}/adapter", new { name, baseModel, endpoint = lora.Endpoint.ToString(), apiKey });
    }

    private async Task<JsonElement> GetAsync(string tenant, string key)
    {
        using var client = app.ClientWithKey(key);
        return await client.GetFromJsonAsync<JsonElement>($"/api/tenants/{tenant}/adapter");
    }

    [Fact]
    public async Task AnAdapterServedOnItsBaseModelIsRegisteredButNotActive()
    {
        var response = await PutAsync(acmeId, acme.Admin, tone);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var adapter = await GetAsync(acmeId, acme.Admin);
        Assert.Equal(tone, adapter.GetProperty("name").GetString());
        Assert.Equal(BaseModel, adapter.GetProperty("baseModel").GetString());
        Assert.Equal("registered", adapter.GetProperty("status").GetString());
        Assert.Equal(lora.Endpoint.ToString().TrimEnd('/')[..^3], adapter.GetProperty("endpoint").GetString());
        Assert.Contains("evaluat", adapter.GetProperty("statusReason").GetString());
    }

    [Fact]
    public async Task TheApiKeyIsStoredEncryptedAndNeverReturned()
    {
        var put = await PutAsync(acmeId, acme.Admin, tone, apiKey: "sk-secret-123");

        Assert.DoesNotContain("sk-secret-123", await put.Content.ReadAsStringAsync());
        var adapter = await GetAsync(acmeId, acme.Admin);
        Assert.DoesNotContain("sk-secret-123", adapter.GetRawText());
        Assert.True(adapter.GetProperty("hasApiKey").GetBoolean());
        var stored = Assert.Single(await StoredAsync());
        Assert.NotNull(stored.ProtectedApiKey);
        Assert.DoesNotContain("sk-secret-123", stored.ProtectedApiKey);
        Assert.Equal("Bearer sk-secret-123", lora.ModelListAuthorizations.Last());
    }

    [Fact]
    public async Task AnAdapterTheServerDoesNotServeIsRejectedWithTheFixInTheDetail()
    {
        var detail = await (await PutAsync(acmeId, acme.Admin, typo)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains($"'{typo}' is not served", detail);
        Assert.Contains("--lora-modules", detail);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task AnAdapterServedOnAnotherBaseModelIsRejected()
    {
        var detail = await (await PutAsync(acmeId, acme.Admin, otherBase)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("different base model", detail);
        Assert.Contains(BaseModel, detail);
        Assert.DoesNotContain("mistralai", detail); // what the server lists is never repeated
    }

    [Fact]
    public async Task AnUnreachableServerIsRejectedWithoutWritingAnything()
    {
        using var client = app.ClientWithKey(acme.Admin);
        var response = await client.PutAsJsonAsync($"/api/tenants/{acmeId}/adapter",
            new { name = tone, baseModel = BaseModel, endpoint = "http://127.0.0.1:9/v1" });

        Assert.Contains("Could not list the models", await response.AssertProblemAsync(HttpStatusCode.BadRequest));
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task AMissingFieldIsRejectedWithTheFieldNamed()
    {
        using var client = app.ClientWithKey(acme.Admin);
        var response = await client.PutAsJsonAsync($"/api/tenants/{acmeId}/adapter", new { name = tone, endpoint = lora.Endpoint.ToString() });

        Assert.Contains("'baseModel' is required", await response.AssertProblemAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task ANameRegisteredByOneTenantCannotBeRegisteredByAnother()
    {
        (await PutAsync(acmeId, acme.Admin, tone)).EnsureSuccessStatusCode();

        var detail = await (await PutAsync(globexId, globex.Admin, tone)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("not available", detail);
        Assert.DoesNotContain("acme", detail.Replace($"'{tone}'", "", StringComparison.Ordinal)); // the refusal names no other tenant
        Assert.Equal(acmeId, Assert.Single(await StoredAsync()).TenantId);
    }

    [Fact]
    public async Task AKeyOfTenantBCannotReadOrChangeTenantAsAdapter()
    {
        (await PutAsync(acmeId, acme.Admin, tone)).EnsureSuccessStatusCode();
        using var intruder = app.ClientWithKey(globex.Admin);

        await (await intruder.GetAsync($"/api/tenants/{acmeId}/adapter")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await PutAsync(acmeId, globex.Admin, tone, apiKey: "stolen")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await intruder.PostAsJsonAsync($"/api/tenants/{acmeId}/adapter/activate", new { reason = "mine now" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await intruder.PostAsync($"/api/tenants/{acmeId}/adapter/evaluate", new StringContent("""{"id":"a","question":"hi"}"""))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await intruder.DeleteAsync($"/api/tenants/{acmeId}/adapter")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await intruder.GetAsync($"/api/tenants/{globexId}/adapter")).AssertProblemAsync(HttpStatusCode.NotFound);

        var adapter = Assert.Single(await StoredAsync());
        Assert.Equal((acmeId, "registered"), (adapter.TenantId, adapter.Status.ToString().ToLowerInvariant()));
        Assert.DoesNotContain("stolen", adapter.ProtectedApiKey);
    }

    [Fact]
    public async Task StaffCannotManageTheAdapter()
    {
        using var staff = app.ClientWithKey(acme.Staff);

        await (await staff.GetAsync($"/api/tenants/{acmeId}/adapter")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ForcedActivationNeedsAReasonAndRecordsIt()
    {
        (await PutAsync(acmeId, acme.Admin, tone)).EnsureSuccessStatusCode();
        using var client = app.ClientWithKey(acme.Admin);

        await (await client.PostAsJsonAsync($"/api/tenants/{acmeId}/adapter/activate", new { reason = " " })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var activated = await client.PostAsJsonAsync($"/api/tenants/{acmeId}/adapter/activate", new { reason = "evaluated offline on 300 tickets" });

        activated.EnsureSuccessStatusCode();
        var adapter = await GetAsync(acmeId, acme.Admin);
        Assert.Equal("active", adapter.GetProperty("status").GetString());
        Assert.Contains("evaluated offline on 300 tickets", adapter.GetProperty("statusReason").GetString());
    }

    [Fact]
    public async Task DeletingTheAdapterRemovesIt()
    {
        (await PutAsync(acmeId, acme.Admin, tone)).EnsureSuccessStatusCode();
        using var client = app.ClientWithKey(acme.Admin);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/tenants/{acmeId}/adapter")).StatusCode);

        await (await client.GetAsync($"/api/tenants/{acmeId}/adapter")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/tenants/{acmeId}/adapter")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ALoraxAdapterIdIsAcceptedWhenTheServerServesTheBaseModel()
    {
        var response = await PutAsync(acmeId, acme.Admin, $"{acmeId}/support-tone-v2", apiKey: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await GetAsync(acmeId, acme.Admin)).GetProperty("hasApiKey").GetBoolean());
    }
}

[OnPostgres]
public sealed class AdapterRegistryTestsOnPostgres(LoopbackAdaptersApp shared) : AdapterRegistryTests(shared);
