using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Adapters;
using SupportAgent.Core.Generation;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Adapters;

/// <summary>The router as the generator sees it, resolved from the real server, against a real (fake) vLLM on a socket.</summary>
public sealed class AdapterRouterTests : IAsyncLifetime
{
    private const string BaseModel = "meta-llama/Llama-3.1-8B-Instruct";
    private readonly SupportAgentApp app = new SupportAgentApp().With("SupportAgent:Adapters:AllowLoopback", "true");
    private FakeOpenAiServer lora = null!;
    private SupportAgentApp.TenantKeys acme = null!;

    public async Task InitializeAsync()
    {
        lora = await FakeOpenAiServer.StartAsync();
        lora.Models.Clear();
        lora.Models.Add(BaseModel);
        lora.LoraModules["acme-tone"] = BaseModel;
        acme = await app.CreateTenantAsync("acme");
        await app.CreateTenantAsync("globex");
        using var admin = app.ClientWithKey(acme.Admin);
        (await admin.PutAsJsonAsync("/api/tenants/acme/adapter",
            new { name = "acme-tone", baseModel = BaseModel, endpoint = lora.Endpoint.ToString(), apiKey = "sk-acme" })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() { app.Dispose(); await lora.DisposeAsync(); }

    private IChatModelRouter Router => app.Services.GetRequiredService<IChatModelRouter>();

    private async Task ActivateAsync()
    {
        using var admin = app.ClientWithKey(acme.Admin);
        (await admin.PostAsJsonAsync("/api/tenants/acme/adapter/activate", new { reason = "test" })).EnsureSuccessStatusCode();
    }

    private async Task<JsonElement> AdapterAsync()
    {
        using var admin = app.ClientWithKey(acme.Admin);
        return await admin.GetFromJsonAsync<JsonElement>("/api/tenants/acme/adapter");
    }

    [Fact]
    public async Task AnActiveAdapterIsTheFirstRouteAndStreamsWithItsNameAsTheModel()
    {
        await ActivateAsync();
        lora.Enqueue(FakeReply.Text("Hello from the adapter"));

        var route = (await Router.RoutesAsync("acme", CancellationToken.None))[0];
        var streamed = "";
        await foreach (var update in route.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = route.Model }))
            streamed += update.Text;

        Assert.Equal(("acme-tone", "acme-tone"), (route.Model, route.Adapter));
        Assert.Equal("Hello from the adapter", streamed);
        var request = Assert.Single(lora.Requests);
        Assert.Equal(("acme-tone", true, "Bearer sk-acme"), (request.Model, request.Stream, request.Authorization));
    }

    [Fact]
    public async Task AnotherTenantNeverGetsTheAdapterRoute()
    {
        await ActivateAsync();

        var routes = await Router.RoutesAsync("globex", CancellationToken.None);

        Assert.DoesNotContain(routes, r => r.Adapter is not null);
    }

    [Fact]
    public async Task ARegisteredButNotYetActiveAdapterGetsNoTraffic()
    {
        var routes = await Router.RoutesAsync("acme", CancellationToken.None);

        Assert.DoesNotContain(routes, r => r.Adapter is not null);
    }

    [Fact]
    public async Task ConsecutiveFailuresSuspendTheAdapterAndTheReasonIsShownToAdmins()
    {
        await ActivateAsync();
        var route = (await Router.RoutesAsync("acme", CancellationToken.None))[0];

        await Router.ReportAsync("acme", route, succeeded: false, CancellationToken.None);
        await Router.ReportAsync("acme", route, succeeded: false, CancellationToken.None);
        await Router.ReportAsync("acme", route, succeeded: true, CancellationToken.None); // a success resets the count
        await Router.ReportAsync("acme", route, succeeded: false, CancellationToken.None);
        await Router.ReportAsync("acme", route, succeeded: false, CancellationToken.None);
        Assert.Equal("active", (await AdapterAsync()).GetProperty("status").GetString());
        await Router.ReportAsync("acme", route, succeeded: false, CancellationToken.None);

        var adapter = await AdapterAsync();
        Assert.Equal("suspended", adapter.GetProperty("status").GetString());
        Assert.Contains("3 consecutive failures", adapter.GetProperty("statusReason").GetString());
        Assert.DoesNotContain(await Router.RoutesAsync("acme", CancellationToken.None), r => r.Adapter is not null);
    }
}

public sealed class AdapterSuspensionAlertTests : IAsyncLifetime
{
    private readonly SupportAgentApp app = new SupportAgentApp().With("SupportAgent:Adapters:AllowLoopback", "true");
    private FakeOpenAiServer lora = null!;

    public async Task InitializeAsync()
    {
        lora = await FakeOpenAiServer.StartAsync();
        lora.LoraModules["acme-tone"] = "fake-model";
        var acme = await app.CreateTenantAsync("acme");
        using var admin = app.ClientWithKey(acme.Admin);
        (await admin.PutAsJsonAsync("/api/tenants/acme/adapter", new { name = "acme-tone", baseModel = "fake-model", endpoint = lora.Endpoint.ToString() })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/tenants/acme/adapter/activate", new { reason = "test" })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() { app.Dispose(); await lora.DisposeAsync(); }

    [Fact]
    public async Task SuspendingAnAdapterLogsAWarningNamingTenantAndAdapterOnce()
    {
        var log = new ListLogger<AdapterAwareChatModelRouter>();
        var router = ActivatorUtilities.CreateInstance<AdapterAwareChatModelRouter>(app.Services, new NoChatModelRouter(), new AdapterHealth(), log);
        var route = (await router.RoutesAsync("acme", CancellationToken.None))[0];

        for (var i = 0; i < 5; i++) await router.ReportAsync("acme", route, succeeded: false, CancellationToken.None);

        var warning = Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("acme-tone", warning.Message);
        Assert.Contains("acme", warning.Message.Replace("acme-tone", ""));
        Assert.Contains("3 consecutive failures", warning.Message);
    }
}
