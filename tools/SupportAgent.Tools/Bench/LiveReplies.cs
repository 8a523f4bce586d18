using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SupportAgent.Core.Analytics;

namespace SupportAgent.Tools.Bench;

/// <summary>
/// Cross-replica live reply latency: widgets connected to the first replica escalate ("I want to talk to a person"),
/// then staff reply through the second replica's HTTP API, one reply at a time; each latency runs from sending the
/// reply request to the widget receiving the staff message over SignalR (through the Redis backplane).
/// </summary>
internal static class LiveReplies
{
    private const int Conversations = 10;

    public sealed record Figures(int Replies, int Lost, List<double> Latencies)
    {
        public string Row(string deployment) =>
            $"| {deployment} | {Replies:N0} | {Lost} | {Percentile.Of(Latencies, 50):F1} | {Percentile.Of(Latencies, 95):F1} | {Percentile.Of(Latencies, 99):F1} |";
    }

    public static async Task<Figures> MeasureAsync(BenchCluster cluster, int replies, CancellationToken ct)
    {
        var (widgetSide, staffSide) = (cluster.Replicas[0], cluster.Replicas[^1]);
        var tenant = $"relay-{Guid.NewGuid():N}"[..18];
        var keys = await CreateTenantAsync(widgetSide, cluster.OperatorKey, tenant, ct);

        var widgets = new List<(HubConnection Connection, string EscalationId, Channel Arrivals)>();
        try
        {
            for (var i = 0; i < Conversations; i++)
            {
                var connection = WidgetClients.Create(widgetSide, keys.GetProperty("widget").GetString());
                var arrivals = new Channel();
                connection.On<JsonElement>("MessageAdded", m => { if (m.GetProperty("role").GetString() == "staff") arrivals.Arrived(); });
                await connection.StartAsync(ct);
                var conversation = await connection.InvokeAsync<ChatBench.Conversation>("StartConversation", ct);
                var (_, reply) = await ChatBench.SendForReplyAsync(connection, conversation, "I want to talk to a person", ct);
                var escalationId = reply.GetProperty("escalationId").GetString()
                    ?? throw new InvalidOperationException("Asking for a person did not escalate, so there is no staff reply to measure.");
                widgets.Add((connection, escalationId, arrivals));
            }

            using var staff = new HttpClient { BaseAddress = staffSide.Url, Timeout = TimeSpan.FromSeconds(30) };
            staff.DefaultRequestHeaders.Add("X-Api-Key", keys.GetProperty("staff").GetString());
            var latencies = new List<double>(replies);
            var lost = 0;
            for (var r = 0; r < replies; r++)
            {
                var (_, escalationId, arrivals) = widgets[r % widgets.Count];
                var waiting = arrivals.Next();
                var started = Stopwatch.GetTimestamp();
                var response = await staff.PostAsJsonAsync($"/api/tenants/{tenant}/escalations/{escalationId}/reply", new { text = $"Reply {r} from another replica." }, ct);
                response.EnsureSuccessStatusCode();
                // A reply that has not arrived within 10 s is counted as lost rather than as a latency.
                if (await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(10), ct)) == waiting)
                    latencies.Add(Stopwatch.GetElapsedTime(started, await waiting).TotalMilliseconds);
                else lost++;
            }
            return new Figures(replies, lost, latencies);
        }
        finally
        {
            foreach (var (connection, _, _) in widgets) await connection.DisposeAsync();
        }
    }

    private static async Task<JsonElement> CreateTenantAsync(BenchServer server, string operatorKey, string id, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        var response = await http.PostAsJsonAsync("/api/tenants", new { id, name = "Live reply benchmark", allowedOrigins = Array.Empty<string>() }, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("keys");
    }

    /// <summary>The arrival time (a <see cref="Stopwatch"/> timestamp) of the next staff message on one widget.</summary>
    private sealed class Channel
    {
        private TaskCompletionSource<long> next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<long> Next() => (next = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Arrived() => next.TrySetResult(Stopwatch.GetTimestamp());
    }
}
