using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Analytics;

/// <summary>
/// Staff replies, resolutions and customer thumbs all go through the public API here, with a hand-moved clock, and
/// analytics must report exactly the durations and rates those calls stored.
/// </summary>
public class StaffWorkAnalyticsTests : IAsyncLifetime
{
    private readonly ManualClock clock = new(DateTimeOffset.UtcNow.AddHours(-1));
    private readonly SupportAgentApp app;
    private SupportAgentApp.TenantKeys keys = null!;

    public StaffWorkAnalyticsTests() =>
        app = new SupportAgentApp().WithServices(services => services.AddSingleton<TimeProvider>(clock));

    public async Task InitializeAsync() => keys = await app.CreateTenantWithKnowledgeAsync("acme");
    public Task DisposeAsync() { app.Dispose(); return Task.CompletedTask; }

    [Fact]
    public async Task StaffResponseResolutionAndThumbsComeFromWhatTheApiStored()
    {
        using var chat = new ChatClient(app, "acme", keys.Widget);
        using var staff = app.ClientWithKey(keys.Staff);

        // Two answered conversations, one rated up and one down.
        var first = await chat.StartAsync();
        var answered = await chat.AskAsync(first, "How long does shipping to Canada take?");
        await RateAsync(chat, first, answered, helpful: true);
        var second = await chat.StartAsync();
        var alsoAnswered = await chat.AskAsync(second, "How do I return an item I bought?");
        await RateAsync(chat, second, alsoAnswered, helpful: false);

        // Two escalations: staff answer after 2 and 6 minutes; one is resolved 20 minutes after it was raised.
        var third = await chat.StartAsync();
        var handedOff = await chat.AskAsync(third, "I want to talk to a real person please");
        var fourth = await chat.StartAsync();
        var alsoHandedOff = await chat.AskAsync(fourth, "Can someone real help me with my return?");
        clock.Advance(TimeSpan.FromMinutes(2));
        await PostOkAsync(staff, $"/api/tenants/acme/escalations/{Escalation(handedOff)}/reply", new { text = "Hi, I'm Sam from the team." });
        clock.Advance(TimeSpan.FromMinutes(4));
        await PostOkAsync(staff, $"/api/tenants/acme/escalations/{Escalation(alsoHandedOff)}/reply", new { text = "Hello, Alex here." });
        clock.Advance(TimeSpan.FromMinutes(14));
        await PostOkAsync(staff, $"/api/tenants/acme/escalations/{Escalation(handedOff)}/resolve", new { });

        using var admin = app.ClientWithKey(keys.Admin);
        var report = await admin.GetFromJsonAsync<JsonElement>(
            $"/api/tenants/acme/analytics?from={Uri.EscapeDataString(clock.GetUtcNow().AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(clock.GetUtcNow().AddMinutes(1).ToString("O"))}");

        Assert.Equal(4, report.GetProperty("conversations").GetInt32());
        Assert.Equal(0.5, report.GetProperty("deflectionRate").GetDouble(), 9);
        Assert.Equal(0.5, report.GetProperty("thumbsUpRate").GetDouble(), 9);
        // Median of 2 and 6 minutes of staff first response (interpolated: the mean of the middle pair), in milliseconds.
        Assert.Equal(240_000, report.GetProperty("firstResponseMs").GetProperty("staffP50").GetDouble(), 6);
        Assert.Equal(20, report.GetProperty("resolutionMinutesP50").GetDouble(), 6);
    }

    private static string Escalation(JsonElement reply) => reply.GetProperty("escalationId").GetString()!;

    private static async Task RateAsync(ChatClient chat, string conversation, JsonElement reply, bool helpful) =>
        (await chat.FeedbackAsync(conversation, reply.GetProperty("messageId").GetString()!, new { helpful })).EnsureSuccessStatusCode();

    private static async Task PostOkAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

[OnPostgres]
public sealed class StaffWorkAnalyticsTestsOnPostgres : StaffWorkAnalyticsTests;
