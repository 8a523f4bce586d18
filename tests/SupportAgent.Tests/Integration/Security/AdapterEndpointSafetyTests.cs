using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Security;

/// <summary>
/// An adapter endpoint is a URL a tenant makes the server fetch. Internal addresses in any spelling are refused before
/// a single byte is sent, unless the operator lists the endpoint; redirects are not followed; and what the server at
/// the other end says is never repeated to the tenant.
/// </summary>
public sealed class AdapterEndpointSafetyTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private const string BaseModel = "base-model";
    private readonly List<string> received = [];
    private readonly List<string> receivedByRedirectTarget = [];
    private WebApplication inside = null!;
    private WebApplication redirectTarget = null!;
    private string insideUrl = null!;
    private string redirectTargetUrl = null!;

    public async Task InitializeAsync()
    {
        // A service inside the network, with a secret in its model list.
        inside = LoopbackServer.Create();
        inside.Use((HttpContext context, RequestDelegate _) =>
        {
            lock (received) received.Add(context.Request.Path);
            if (context.Request.Path == "/redirect/v1/models")
            {
                context.Response.Redirect($"{redirectTargetUrl}/v1/models");
                return Task.CompletedTask;
            }
            return context.Response.WriteAsJsonAsync(new { data = new object[] { new { id = "acme-tone", parent = BaseModel }, new { id = "internal-secret-model" } } });
        });
        insideUrl = await LoopbackServer.StartAsync(inside);
        redirectTarget = LoopbackServer.Create();
        redirectTarget.Use((HttpContext context, RequestDelegate _) =>
        {
            lock (receivedByRedirectTarget) receivedByRedirectTarget.Add(context.Request.Path);
            return context.Response.WriteAsJsonAsync(new { data = new object[] { new { id = "acme-tone", parent = BaseModel } } });
        });
        redirectTargetUrl = await LoopbackServer.StartAsync(redirectTarget);
    }

    public async Task DisposeAsync()
    {
        await inside.DisposeAsync();
        await redirectTarget.DisposeAsync();
    }

    private int Port => new Uri(insideUrl).Port;

    public static TheoryData<string> InternalForms() =>
    [
        "http://127.0.0.1:{port}",
        "http://localhost:{port}/v1",
        "http://2130706433:{port}",
        "http://[::ffff:127.0.0.1]:{port}",
        "http://[::1]:{port}",
        "http://user:secret@127.0.0.1:{port}",
        "http://example.com@127.0.0.1:{port}",
        "http://127.0.0.1:{port}/any/path#",
        "http://127.0.0.1:{port}/any/path?x=1",
        "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.7:8000",
        "http://192.168.1.20:8000",
        "http://[fd00:ec2::254]",
        "ftp://127.0.0.1:{port}",
        "file:///etc/passwd",
    ];

    [Theory]
    [MemberData(nameof(InternalForms))]
    public async Task AnInternalEndpointIsRefusedWithoutAnyRequestLeavingTheServer(string form)
    {
        var app = shared.App;
        var tenant = TenantIds.New("acme");
        var keys = await app.CreateTenantAsync(tenant);
        using var admin = app.ClientWithKey(keys.Admin);

        var response = await admin.PutAsJsonAsync($"/api/tenants/{tenant}/adapter",
            new { name = "acme-tone", baseModel = BaseModel, endpoint = form.Replace("{port}", Port.ToString()) });

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("internal-secret-model", detail);
        lock (received) Assert.Empty(received);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Adapters.CountAsync(a => a.TenantId == tenant)));
    }

    [Fact]
    public async Task AClosedAndAnOpenInternalPortAreRefusedAlike()
    {
        var tenant = TenantIds.New("acme");
        var keys = await shared.App.CreateTenantAsync(tenant);
        using var admin = shared.App.ClientWithKey(keys.Admin);

        var open = await admin.PutAsJsonAsync($"/api/tenants/{tenant}/adapter", new { name = "acme-tone", baseModel = BaseModel, endpoint = insideUrl });
        var closed = await admin.PutAsJsonAsync($"/api/tenants/{tenant}/adapter", new { name = "acme-tone", baseModel = BaseModel, endpoint = "http://127.0.0.1:9" });

        Assert.Equal(await open.AssertProblemAsync(HttpStatusCode.BadRequest), await closed.AssertProblemAsync(HttpStatusCode.BadRequest));
        lock (received) Assert.Empty(received);
    }

    [Fact]
    public async Task AnEndpointTheOperatorListsMayBeInternal()
    {
        using var app = new SupportAgentApp().With("SupportAgent:Adapters:AllowedEndpoints:0", insideUrl);
        var keys = await app.CreateTenantAsync("acme");
        using var admin = app.ClientWithKey(keys.Admin);

        var listed = await admin.PutAsJsonAsync("/api/tenants/acme/adapter", new { name = "acme-tone", baseModel = BaseModel, endpoint = $"{insideUrl}/v1" });
        var otherPort = await admin.PutAsJsonAsync("/api/tenants/acme/adapter", new { name = "acme-tone", baseModel = BaseModel, endpoint = redirectTargetUrl });

        listed.EnsureSuccessStatusCode();
        await otherPort.AssertProblemAsync(HttpStatusCode.BadRequest);
        lock (received) Assert.Equal(["/v1/models"], received);
        lock (receivedByRedirectTarget) Assert.Empty(receivedByRedirectTarget);
    }

    [Fact]
    public async Task ARedirectFromAListedEndpointIsNotFollowed()
    {
        using var app = new SupportAgentApp()
            .With("SupportAgent:Adapters:AllowedEndpoints:0", insideUrl)
            .With("SupportAgent:Adapters:AllowedEndpoints:1", redirectTargetUrl);
        var keys = await app.CreateTenantAsync("acme");
        using var admin = app.ClientWithKey(keys.Admin);

        var response = await admin.PutAsJsonAsync("/api/tenants/acme/adapter", new { name = "acme-tone", baseModel = BaseModel, endpoint = $"{insideUrl}/redirect" });

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain(redirectTargetUrl, detail);
        // The endpoint the admin sent is echoed, and its random port may itself contain "302": look past it.
        Assert.DoesNotContain("302", detail.Replace(insideUrl, ""));
        lock (receivedByRedirectTarget) Assert.Empty(receivedByRedirectTarget);
    }

    [Fact]
    public async Task AListedEndpointThatAnswersWithAnErrorIsNotQuoted()
    {
        using var app = new SupportAgentApp().With("SupportAgent:Adapters:AllowedEndpoints:0", insideUrl);
        var keys = await app.CreateTenantAsync("acme");
        using var admin = app.ClientWithKey(keys.Admin);

        var response = await admin.PutAsJsonAsync("/api/tenants/acme/adapter", new { name = "not-served", baseModel = BaseModel, endpoint = insideUrl });

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("internal-secret-model", detail);
        Assert.DoesNotContain("acme-tone", detail);
    }
}
