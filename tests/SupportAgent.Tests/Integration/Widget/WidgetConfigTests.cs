using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Widget;

public sealed class WidgetConfigTests
{
    [Fact]
    public async Task TheWidgetReadsItsTenantsGreetingAndTheServersMessageLimit()
    {
        using var app = new SupportAgentApp().With("SupportAgent:Chat:MaxMessageLength", "1234");
        var keys = await app.CreateTenantAsync("greet");
        await app.InDatabaseAsync(async db =>
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Id == "greet");
            tenant.Settings = new() { WidgetGreeting = "Welcome to Greet! Ask about your order." };
            return await db.SaveChangesAsync();
        });
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", keys.Widget);

        var config = await client.GetFromJsonAsync<JsonElement>("/api/tenants/greet/widget");

        Assert.Equal("Welcome to Greet! Ask about your order.", config.GetProperty("greeting").GetString());
        Assert.Equal(1234, config.GetProperty("maxMessageLength").GetInt32());
    }

    [Fact]
    public async Task AnotherTenantsWidgetKeyGetsNoWidgetConfig()
    {
        using var app = new SupportAgentApp();
        await app.CreateTenantAsync("first");
        var other = await app.CreateTenantAsync("second");
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", other.Widget);

        var response = await client.GetAsync("/api/tenants/first/widget");

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"got {response.StatusCode}");
    }
}
