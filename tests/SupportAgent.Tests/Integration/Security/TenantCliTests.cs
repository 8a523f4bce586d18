using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportAgent.Cli;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Security;

/// <summary>The operator's CLI verbs for the tenant lifecycle work on the same data as the server.</summary>
public class TenantCliTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync() => keys = await app.CreateTenantAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using StringWriter output = new(), error = new();
        var exit = await CliApp.Build().Parse([.. args, .. app.CliDataArguments]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task TheCliShowsUpdatesAndRotatesATenantAndTheServerSeesItAtOnce()
    {
        var update = await RunAsync("tenants", "update", "--id", acmeId, "--name", "Acme Outdoor", "--settings", """{"topK":7}""");
        var rotate = await RunAsync("tenants", "rotate-key", "--id", acmeId, "--role", "staff");
        var show = await RunAsync("tenants", "show", "--id", acmeId);

        Assert.Equal((0, 0, 0), (update.Exit, rotate.Exit, show.Exit));
        var newStaff = rotate.Output.Trim();
        Assert.StartsWith("sa_staff_", newStaff);
        var shown = JsonDocument.Parse(show.Output).RootElement;
        Assert.Equal("Acme Outdoor", shown.GetProperty("name").GetString());
        Assert.Equal(7, shown.GetProperty("settings").GetProperty("topK").GetInt32());
        Assert.DoesNotContain(newStaff, show.Output);
        using var oldStaff = app.ClientWithKey(keys.Staff);
        using var staff = app.ClientWithKey(newStaff);
        await (await oldStaff.GetAsync($"/api/tenants/{acmeId}/escalations")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/tenants/{acmeId}/escalations")).StatusCode);
    }

    [Fact]
    public async Task AnOutOfRangeSettingFromTheCliChangesNothing()
    {
        var update = await RunAsync("tenants", "update", "--id", acmeId, "--name", "Changed", "--settings", """{"answerThreshold":3}""");

        Assert.Equal(2, update.Exit);
        Assert.Contains("answerThreshold", update.Error);
        using var admin = app.ClientWithKey(keys.Admin);
        Assert.Equal($"Tenant {acmeId}", (await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task DeletingFromTheCliNeedsConfirmationAndThenRemovesTheTenant()
    {
        var unconfirmed = await RunAsync("tenants", "delete", "--id", acmeId);
        using var admin = app.ClientWithKey(keys.Admin);
        Assert.Equal(2, unconfirmed.Exit);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/tenants/{acmeId}")).StatusCode);

        var confirmed = await RunAsync("tenants", "delete", "--id", acmeId, "--yes");

        Assert.Equal(0, confirmed.Exit);
        await (await admin.GetAsync($"/api/tenants/{acmeId}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(1, (await RunAsync("tenants", "show", "--id", acmeId)).Exit);
    }
}

[OnPostgres]
public sealed class TenantCliTestsOnPostgres(SharedApp shared) : TenantCliTests(shared);
