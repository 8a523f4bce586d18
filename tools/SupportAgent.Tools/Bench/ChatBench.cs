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
    internal static readonly string[] Questions =
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
            clients, messages, BenchOptions.Url, BenchOptions.WidgetKey, BenchOptions.DataDir,
        };
        command.SetAction(async (parse, ct) =>
        {
            Console.WriteLine("| clients | messages | answered | errors | wall s | messages/s | p50 ms | p95 ms | p99 ms | server CPU ms/message | driver CPU ms/message | server memory idle → peak |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var n in parse.GetValue(clients)!)
            {
                await using var server = await BenchOptions.ServerAsync(parse, ct);
                Console.WriteLine((await RunAsync(server, n, parse.GetValue(messages), ct)).Row());
            }
            return 0;
        });
        return command;
    }

    /// <summary>What one run gives: the columns of the table, ready to print.</summary>
    /// <param name="Answered">Replies decided "answered" (the rest escalated): the same mix on every deployment shows each one really retrieved.</param>
    /// <param name="CpuMsPerMessage">Server process CPU time (all replicas) over the measured messages, per message.</param>
    /// <param name="DriverCpuMsPerMessage">
    /// This load generator's own CPU time over the same messages, per message: it shares the machine with the server,
    /// so server and driver together bound the throughput one machine can show (two cores give 2,000 CPU ms a second).
    /// </param>
    internal sealed record Figures(int Clients, List<double> Latencies, int Answered, int Errors, TimeSpan Wall, string CpuMsPerMessage,
        string DriverCpuMsPerMessage, long? IdleBytes, long? PeakBytes)
    {
        public string Row() =>
            $"| {Clients:N0} | {Latencies.Count:N0} | {100.0 * Answered / Math.Max(1, Latencies.Count):F0}% | {Errors} | {Wall.TotalSeconds:F1} | {Latencies.Count / Wall.TotalSeconds:F0} " +
            $"| {Percentile.Of(Latencies, 50):F0} | {Percentile.Of(Latencies, 95):F0} | {Percentile.Of(Latencies, 99):F0} | {CpuMsPerMessage} | {DriverCpuMsPerMessage} " +
            $"| {BenchOptions.Megabytes(IdleBytes)} → {BenchOptions.Megabytes(PeakBytes)} |";
    }

    internal static async Task<Figures> RunAsync(BenchCluster server, int clients, int messagesEach, CancellationToken ct)
    {
        foreach (var replica in server.Replicas) await WarmUpAsync(replica, ct);
        var connections = await WidgetClients.ConnectAsync(server, clients, ct);
        var idle = server.MemoryBytes();
        var cpuBefore = server.CpuTime();
        var driverBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var latencies = new List<double>(clients * messagesEach);
        int errors = 0, answered = 0;
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
                    {
                        var (milliseconds, reply) = await SendForReplyAsync(connection, conversation, Questions[(i + m) % Questions.Length], ct);
                        own.Add(milliseconds);
                        if (reply.GetProperty("decision").GetString() == "answered") Interlocked.Increment(ref answered);
                    }
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
            var driverMs = latencies.Count > 0 ? $"{(Process.GetCurrentProcess().TotalProcessorTime - driverBefore).TotalMilliseconds / latencies.Count:F2}" : "n/a";
            await WidgetClients.DisposeAllAsync(connections);
            return new Figures(clients, latencies, answered, errors, wall.Elapsed, cpuMs, driverMs, idle, server.MemoryKnown ? sampler.PeakBytes : null);
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
    internal sealed record Conversation(string ConversationId, string ConversationToken);

    internal static async Task<double> SendAsync(HubConnection connection, Conversation conversation, string text, CancellationToken ct) =>
        (await SendForReplyAsync(connection, conversation, text, ct)).Milliseconds;

    /// <summary>Sends one message and reads the reply stream to its final item, which carries the reply (and any escalation id).</summary>
    internal static async Task<(double Milliseconds, JsonElement Reply)> SendForReplyAsync(HubConnection connection, Conversation conversation, string text, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        JsonElement? reply = null;
        await foreach (var item in connection.StreamAsync<JsonElement>("SendMessage", conversation.ConversationId, conversation.ConversationToken, text, ct))
            if (item.GetProperty("type").GetString() == "done") reply = item.GetProperty("reply");
        if (reply is null) throw new InvalidOperationException("The reply stream ended without its final item.");
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, reply.Value);
    }
}
