using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Security;

/// <summary>
/// Console sessions live in the database (issue 13 finding 12): a signed-out cookie, or one opened with a key that has
/// since been rotated, opens nothing from the next request on, even replayed by someone who copied it.
/// </summary>
public class ConsoleSessionRevocationTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> SignInAsync(string key)
    {
        using var browser = app.CreateClient(new() { HandleCookies = false });
        var response = await browser.PostAsJsonAsync("/console/session", new { key });
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private async Task<HttpResponseMessage> WithCookieAsync(HttpMethod method, string path, string cookie)
    {
        using var client = app.CreateClient(new() { HandleCookies = false });
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task ACookieCopiedBeforeSignOutOpensNothingAfterIt()
    {
        var cookie = await SignInAsync(keys.Staff);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(HttpMethod.Get, $"/api/tenants/{acmeId}/escalations", cookie)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await WithCookieAsync(HttpMethod.Delete, "/console/session", cookie)).StatusCode);

        await (await WithCookieAsync(HttpMethod.Get, $"/api/tenants/{acmeId}/escalations", cookie)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await WithCookieAsync(HttpMethod.Get, "/console/session", cookie)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.StaffSessions.CountAsync(x => x.TenantId == acmeId)));
    }

    [Fact]
    public async Task RotatingAKeyEndsTheConsoleSessionsItOpenedAndNoOthers()
    {
        var staffCookie = await SignInAsync(keys.Staff);
        var adminCookie = await SignInAsync(keys.Admin);
        using var admin = app.ClientWithKey(keys.Admin);

        (await admin.PostAsync($"/api/tenants/{acmeId}/keys/staff/rotate", null)).EnsureSuccessStatusCode();

        await (await WithCookieAsync(HttpMethod.Get, $"/api/tenants/{acmeId}/escalations", staffCookie)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(HttpMethod.Get, $"/api/tenants/{acmeId}/escalations", adminCookie)).StatusCode);
    }

    [Fact]
    public async Task ASessionEndedOnOneReplicaIsEndedOnAnotherSharingTheDatabase()
    {
        var cookie = await SignInAsync(keys.Admin);
        // A second server on the same data directory: same database, same key ring, as a second replica would have.
        using var replica = new SupportAgentApp(app.DataDirectory) { KeepDataDirectory = true };
        using var onReplica = replica.CreateClient(new() { HandleCookies = false });
        async Task<HttpStatusCode> OnReplicaAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/console/session");
            request.Headers.Add("Cookie", cookie);
            return (await onReplica.SendAsync(request)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await OnReplicaAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await WithCookieAsync(HttpMethod.Delete, "/console/session", cookie)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await OnReplicaAsync());
    }
}

[OnPostgres]
public sealed class ConsoleSessionRevocationTestsOnPostgres(SharedApp shared) : ConsoleSessionRevocationTests(shared);
