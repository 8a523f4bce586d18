using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Adapters;

[SlowCollection]
public sealed class AdapterRegistryTests : IAsyncLifetime
{
    private const string BaseModel = "meta-llama/Llama-3.1-8B-Instruct";
    // The fake adapter server listens on loopback, which only an operator's setting lets through.
    private readonly SupportAgentApp app = new SupportAgentApp().With("SupportAgent:Adapters:AllowLoopback", "true");
    private FakeOpenAiServer lora = null!;
    private SupportAgentApp.TenantKeys acme = null!;
    private SupportAgentApp.TenantKeys globex = null!;

    public async Task InitializeAsync()
    {
        lora = await FakeOpenAiServer.StartAsync();
        lora.Models.Clear();
        lora.Models.Add(BaseModel);
        lora.LoraModules["acme-tone"] = BaseModel;
        lora.LoraModules["other-base"] = "mistralai/Mistral-7B-Instruct-v0.3";
        acme = await app.CreateTenantAsync("acme");
        globex = await app.CreateTenantAsync("globex");
    }

    public async Task DisposeAsync() { app.Dispose(); await lora.DisposeAsync(); }

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
        var response = await PutAsync("acme", acme.Admin, "acme-tone");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var adapter = await GetAsync("acme", acme.Admin);
        Assert.Equal("acme-tone", adapter.GetProperty("name").GetString());
        Assert.Equal(BaseModel, adapter.GetProperty("baseModel").GetString());
        Assert.Equal("registered", adapter.GetProperty("status").GetString());
        Assert.Equal(lora.Endpoint.ToString().TrimEnd('/')[..^3], adapter.GetProperty("endpoint").GetString());
        Assert.Contains("evaluat", adapter.GetProperty("statusReason").GetString());
    }

    [Fact]
    public async Task TheApiKeyIsStoredEncryptedAndNeverReturned()
    {
        var put = await PutAsync("acme", acme.Admin, "acme-tone", apiKey: "sk-secret-123");

        Assert.DoesNotContain("sk-secret-123", await put.Content.ReadAsStringAsync());
        var adapter = await GetAsync("acme", acme.Admin);
        Assert.DoesNotContain("sk-secret-123", adapter.GetRawText());
        Assert.True(adapter.GetProperty("hasApiKey").GetBoolean());
        var stored = await app.InDatabaseAsync(db => db.Adapters.SingleAsync());
        Assert.NotNull(stored.ProtectedApiKey);
        Assert.DoesNotContain("sk-secret-123", stored.ProtectedApiKey);
        Assert.Equal("Bearer sk-secret-123", lora.ModelListAuthorizations.Last());
    }

    [Fact]
    public async Task AnAdapterTheServerDoesNotServeIsRejectedWithTheFixInTheDetail()
    {
        var detail = await (await PutAsync("acme", acme.Admin, "acme-typo")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("'acme-typo' is not served", detail);
        Assert.Contains("--lora-modules", detail);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Adapters.CountAsync()));
    }

    [Fact]
    public async Task AnAdapterServedOnAnotherBaseModelIsRejected()
    {
        var detail = await (await PutAsync("acme", acme.Admin, "other-base")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("different base model", detail);
        Assert.Contains(BaseModel, detail);
        Assert.DoesNotContain("mistralai", detail); // what the server lists is never repeated
    }

    [Fact]
    public async Task AnUnreachableServerIsRejectedWithoutWritingAnything()
    {
        using var client = app.ClientWithKey(acme.Admin);
        var response = await client.PutAsJsonAsync("/api/tenants/acme/adapter",
            new { name = "acme-tone", baseModel = BaseModel, endpoint = "http://127.0.0.1:9/v1" });

        Assert.Contains("Could not list the models", await response.AssertProblemAsync(HttpStatusCode.BadRequest));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Adapters.CountAsync()));
    }

    [Fact]
    public async Task AMissingFieldIsRejectedWithTheFieldNamed()
    {
        using var client = app.ClientWithKey(acme.Admin);
        var response = await client.PutAsJsonAsync("/api/tenants/acme/adapter", new { name = "acme-tone", endpoint = lora.Endpoint.ToString() });

        Assert.Contains("'baseModel' is required", await response.AssertProblemAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task ANameRegisteredByOneTenantCannotBeRegisteredByAnother()
    {
        (await PutAsync("acme", acme.Admin, "acme-tone")).EnsureSuccessStatusCode();

        var detail = await (await PutAsync("globex", globex.Admin, "acme-tone")).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("not available", detail);
        Assert.DoesNotContain("acme", detail.Replace("'acme-tone'", "", StringComparison.Ordinal)); // the refusal names no other tenant
        Assert.Equal("acme", (await app.InDatabaseAsync(db => db.Adapters.SingleAsync())).TenantId);
    }

    [Fact]
    public async Task AKeyOfTenantBCannotReadOrChangeTenantAsAdapter()
    {
        (await PutAsync("acme", acme.Admin, "acme-tone")).EnsureSuccessStatusCode();
        using var intruder = app.ClientWithKey(globex.Admin);

        await (await intruder.GetAsync("/api/tenants/acme/adapter")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await PutAsync("acme", globex.Admin, "acme-tone", apiKey: "stolen")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await intruder.PostAsJsonAsync("/api/tenants/acme/adapter/activate", new { reason = "mine now" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await intruder.PostAsync("/api/tenants/acme/adapter/evaluate", new StringContent("""{"id":"a","question":"hi"}"""))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await intruder.DeleteAsync("/api/tenants/acme/adapter")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await intruder.GetAsync("/api/tenants/globex/adapter")).AssertProblemAsync(HttpStatusCode.NotFound);

        var adapter = await app.InDatabaseAsync(db => db.Adapters.SingleAsync());
        Assert.Equal(("acme", "registered"), (adapter.TenantId, adapter.Status.ToString().ToLowerInvariant()));
        Assert.DoesNotContain("stolen", adapter.ProtectedApiKey);
    }

    [Fact]
    public async Task StaffCannotManageTheAdapter()
    {
        using var staff = app.ClientWithKey(acme.Staff);

        await (await staff.GetAsync("/api/tenants/acme/adapter")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ForcedActivationNeedsAReasonAndRecordsIt()
    {
        (await PutAsync("acme", acme.Admin, "acme-tone")).EnsureSuccessStatusCode();
        using var client = app.ClientWithKey(acme.Admin);

        await (await client.PostAsJsonAsync("/api/tenants/acme/adapter/activate", new { reason = " " })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var activated = await client.PostAsJsonAsync("/api/tenants/acme/adapter/activate", new { reason = "evaluated offline on 300 tickets" });

        activated.EnsureSuccessStatusCode();
        var adapter = await GetAsync("acme", acme.Admin);
        Assert.Equal("active", adapter.GetProperty("status").GetString());
        Assert.Contains("evaluated offline on 300 tickets", adapter.GetProperty("statusReason").GetString());
    }

    [Fact]
    public async Task DeletingTheAdapterRemovesIt()
    {
        (await PutAsync("acme", acme.Admin, "acme-tone")).EnsureSuccessStatusCode();
        using var client = app.ClientWithKey(acme.Admin);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/tenants/acme/adapter")).StatusCode);

        await (await client.GetAsync("/api/tenants/acme/adapter")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync("/api/tenants/acme/adapter")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ALoraxAdapterIdIsAcceptedWhenTheServerServesTheBaseModel()
    {
        var response = await PutAsync("acme", acme.Admin, "acme/support-tone-v2", apiKey: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await GetAsync("acme", acme.Admin)).GetProperty("hasApiKey").GetBoolean());
    }
}
