using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Security;

/// <summary>
/// On a shared multi-LoRA server an adapter name selects fine-tuned weights (issue 13 finding 5): a name stays with the
/// tenant that registered it after its adapter or the tenant itself is deleted, until the operator releases it.
/// </summary>
public class AdapterNameTests : IAsyncLifetime
{
    private const string BaseModel = "meta-llama/Llama-3.1-8B-Instruct";
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
        lora.LoraModules["fresh-name"] = BaseModel;
        acme = await app.CreateTenantAsync("acme");
        globex = await app.CreateTenantAsync("globex");
    }

    public async Task DisposeAsync() { app.Dispose(); await lora.DisposeAsync(); }

    private async Task<HttpResponseMessage> PutAsync(string tenant, string key, string name)
    {
        using var client = app.ClientWithKey(key);
        return await client.PutAsJsonAsync($"/api/tenants/{tenant}/adapter", new { name, baseModel = BaseModel, endpoint = lora.Endpoint.ToString() });
    }

    [Fact]
    public async Task ADeletedAdaptersNameStaysWithItsTenantUntilTheOperatorReleasesIt()
    {
        (await PutAsync("acme", acme.Admin, "acme-tone")).EnsureSuccessStatusCode();
        var whileHeld = await (await PutAsync("globex", globex.Admin, "acme-tone")).AssertProblemAsync(HttpStatusCode.Conflict);
        using var acmeAdmin = app.ClientWithKey(acme.Admin);
        using var @operator = app.ClientWithKey(SupportAgentApp.OperatorKey);

        await (await @operator.DeleteAsync("/api/adapter-names/acme-tone")).AssertProblemAsync(HttpStatusCode.Conflict); // still registered
        Assert.Equal(HttpStatusCode.NoContent, (await acmeAdmin.DeleteAsync("/api/tenants/acme/adapter")).StatusCode);
        var afterDelete = await (await PutAsync("globex", globex.Admin, "acme-tone")).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(whileHeld, afterDelete); // a held and a bound name are refused alike
        Assert.DoesNotContain("acme", afterDelete.Replace("'acme-tone'", "", StringComparison.Ordinal));
        (await PutAsync("acme", acme.Admin, "acme-tone")).EnsureSuccessStatusCode(); // the owner gets it back
        (await acmeAdmin.DeleteAsync("/api/tenants/acme/adapter")).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NoContent, (await @operator.DeleteAsync("/api/adapter-names/acme-tone")).StatusCode);
        (await PutAsync("globex", globex.Admin, "acme-tone")).EnsureSuccessStatusCode();
        Assert.Equal("globex", (await app.InDatabaseAsync(db => db.AdapterNames.SingleAsync(b => b.Name == "acme-tone"))).TenantId);
    }

    [Fact]
    public async Task ADeletedTenantsAdapterNameIsNotFreeForAnotherTenant()
    {
        (await PutAsync("acme", acme.Admin, "acme-tone")).EnsureSuccessStatusCode();
        using var @operator = app.ClientWithKey(SupportAgentApp.OperatorKey);

        Assert.Equal(HttpStatusCode.NoContent, (await @operator.DeleteAsync("/api/tenants/acme")).StatusCode);

        await (await PutAsync("globex", globex.Admin, "acme-tone")).AssertProblemAsync(HttpStatusCode.Conflict);
        (await PutAsync("globex", globex.Admin, "fresh-name")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task OnlyTheOperatorReleasesNames()
    {
        (await PutAsync("acme", acme.Admin, "acme-tone")).EnsureSuccessStatusCode();
        using var admin = app.ClientWithKey(globex.Admin);
        using var @operator = app.ClientWithKey(SupportAgentApp.OperatorKey);

        await (await admin.DeleteAsync("/api/adapter-names/acme-tone")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await @operator.DeleteAsync("/api/adapter-names/never-bound")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

[OnPostgres]
public sealed class AdapterNameTestsOnPostgres : AdapterNameTests;
