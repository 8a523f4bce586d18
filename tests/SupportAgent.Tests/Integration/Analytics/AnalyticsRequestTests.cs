using System.Net;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Analytics;

public sealed class AnalyticsRequestTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private readonly string globexId = TenantIds.New("globex");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("?from=yesterday", "'from'")]
    [InlineData("?to=2026-13-45", "'to'")]
    [InlineData("?from=2026-02-01&to=2026-01-01", "earlier than")]
    [InlineData("?from=2026-01-01&to=2026-01-01", "earlier than")]
    [InlineData("?from=2020-01-01&to=2026-01-01", "shorter range")]
    public async Task ABadWindowIsRefusedWithAProblemThatSaysWhy(string query, string expected)
    {
        using var admin = app.ClientWithKey(keys.Admin);

        var detail = await (await admin.GetAsync($"/api/tenants/{acmeId}/analytics{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(expected, detail);
    }

    [Fact]
    public async Task StaffKeysCannotReadAnalytics()
    {
        using var staff = app.ClientWithKey(keys.Staff);

        await (await staff.GetAsync($"/api/tenants/{acmeId}/analytics")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnAdminKeyOfAnotherTenantCannotReadAnalytics()
    {
        var other = await app.CreateTenantAsync(globexId);
        using var admin = app.ClientWithKey(other.Admin);

        await (await admin.GetAsync($"/api/tenants/{acmeId}/analytics")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
