using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SupportAgent.Core.Analytics;

namespace SupportAgent.Tools.Bench;

/// <summary>
/// End-to-end chat over SignalR: N widgets connect, start a conversation each, and send messages one after another
/// (each waits for its reply, as a person would), all N at once. Latency is from sending a message to the streamed
/// reply's final item, so it includes triage, retrieval, answering, persistence and the token stream.
/// </summary>
internal static class ChatBench
{
    /// <summary>A mix a real storefront sees: mostly answerable questions, some escalations, one off-topic.</summary>
    private static readonly string[] Questions =
    [
        "How long does shipping to Canada take?",
        "How do I return a jacket?",
        "I forgot my password, how do I reset it?",
        "Where can I track my order?",
        "How do I earn loyalty points?",
        "Can I use two promo codes on one order?",
        "I want to talk to a person",
        "What is the capital of Australia?",
    ];

    public static Command Create()
    {
        var clients = new Option<int[]>("--clients")
        {
            Description = "Concurrent widget clients; one run per value, each against a fresh server",
            AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [50, 200, 1000],
        };
        var messages = new Option<int>("--messages") { Description = "Messages each client sends", DefaultValueFactory = _ => 2 };
        var command = new Command("chat", "End-to-end chat over SignalR with N concurrent widget clients: messages/s, latency percentiles, server memory.")
        {
            clients, messages, BenchOptions.Url, BenchOptions.WidgetKey,
        };
        command.SetAction(async (parse, ct) =>
        {
            Console.WriteLine("| clients | messages | errors | wall s | messages/s | p50 ms | p95 ms | p99 ms | server CPU ms/message | server memory idle → peak |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var n in parse.GetValue(clients)!)
            {
                await using var server = await BenchOptions.ServerAsync(parse, ct);
                Console.WriteLine(await RunAsync(server, n, parse.GetValue(messages), ct));
            }
            return 0;
        });
        return command;
    }

    private static async Task<string> RunAsync(BenchServer server, int clients, int messagesEach, CancellationToken ct)
    {
        await WarmUpAsync(server, ct);
        var connections = await WidgetClients.ConnectAsync(server, clients, ct);
        var idle = server.MemoryBytes();
        var cpuBefore = server.CpuTime();
        var latencies = new List<double>(clients * messagesEach);
        var errors = 0;
        var wall = Stopwatch.StartNew();
        await using (var sampler = new MemorySampler(server))
        {
            await Task.WhenAll(connections.Select((connection, i) => Task.Run(async () =>
            {
                var own = new List<double>(messagesEach);
                try
                {
                    var conversation = await connection.InvokeAsync<Conversation>("StartConversation", ct);
                    for (var m = 0; m < messagesEach; m++)
                        own.Add(await SendAsync(connection, conversation, Questions[(i + m) % Questions.Length], ct));
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // Reported, not hidden: an error means a customer got no reply.
                    if (Interlocked.Increment(ref errors) <= 3) Console.Error.WriteLine($"client {i}: {e.GetType().Name}: {e.Message}");
                }
                lock (latencies) latencies.AddRange(own);
            }, ct)));
            wall.Stop();
            // Process CPU time over the measured messages only (warm-up and connecting excluded): the cost of a turn.
            var cpuMs = server.CpuTime() - cpuBefore is { } used && latencies.Count > 0 ? $"{used.TotalMilliseconds / latencies.Count:F2}" : "n/a";
            await WidgetClients.DisposeAllAsync(connections);
            return $"| {clients:N0} | {latencies.Count:N0} | {errors} | {wall.Elapsed.TotalSeconds:F1} | {latencies.Count / wall.Elapsed.TotalSeconds:F0} " +
                   $"| {Percentile.Of(latencies, 50):F0} | {Percentile.Of(latencies, 95):F0} | {Percentile.Of(latencies, 99):F0} | {cpuMs} " +
                   $"| {BenchOptions.Megabytes(idle)} → {(server.MemoryKnown ? BenchOptions.Megabytes(sampler.PeakBytes) : "n/a")} |";
        }
    }

    /// <summary>One client asks every question once first, so the figures are the steady state rather than JIT and cold caches.</summary>
    private static async Task WarmUpAsync(BenchServer server, CancellationToken ct)
    {
        await using var connection = WidgetClients.Create(server);
        await connection.StartAsync(ct);
        var conversation = await connection.InvokeAsync<Conversation>("StartConversation", ct);
        foreach (var question in Questions) await SendAsync(connection, conversation, question, ct);
    }

    /// <summary>What the hub's StartConversation returns; the token goes with every message, as the widget sends it.</summary>
    private sealed record Conversation(string ConversationId, string ConversationToken);

    private static async Task<double> SendAsync(HubConnection connection, Conversation conversation, string text, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var done = false;
        await foreach (var item in connection.StreamAsync<JsonElement>("SendMessage", conversation.ConversationId, conversation.ConversationToken, text, ct))
            done |= item.GetProperty("type").GetString() == "done";
        if (!done) throw new InvalidOperationException("The reply stream ended without its final item.");
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
