using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Security;

/// <summary>
/// A real SIGKILL of a server process in the middle of conversations: every message the server acknowledged is kept, and
/// every stored one is answered or escalated after the restart. SQLite only: the killed process keeps its data on its
/// own SQLite file whichever engine the suite runs, so a PostgreSQL twin would only repeat it exactly.
/// </summary>
[SlowCollection]
public sealed class SigkillRecoveryTests
{
    private const string Question = "How long do I have to return an item?";

    [Fact]
    public async Task AfterASigkillMidConversationsEveryAcknowledgedMessageIsKeptAndEveryStoredOneIsAnsweredOrEscalated()
    {
        await using var llm = await FakeOpenAiServer.StartAsync();
        // A model that takes a moment keeps turns in flight, so the kill lands between storing messages and deciding them.
        llm.Responder = _ => FakeReply.Slow(TimeSpan.FromMilliseconds(400), "You can return an item within 30 days of delivery [1].");
        var settings = new Dictionary<string, string>
        {
            ["SupportAgent:Llm:Endpoint"] = llm.Endpoint.ToString(), ["SupportAgent:Llm:Model"] = "fake-model", ["SupportAgent:Llm:ApiKey"] = "sk-test",
            ["SupportAgent:Recovery:InterruptedTurnMinAge"] = "00:00:00",
        };
        var first = await ServerProcess.StartAsync(settings);
        var directory = first.DataDirectory;
        try
        {
            var widget = await CreateTenantWithKnowledgeAsync(first);
            var acknowledged = new ConcurrentBag<(string Text, string ReplyId)>();
            using var stop = new CancellationTokenSource();
            var customers = Enumerable.Range(0, 12).Select(i => Task.Run(() => ChatUntilStoppedAsync(first, widget, i, acknowledged, stop.Token))).ToArray();
            await CrashRecoveryTests.WaitForAsync(() => Task.FromResult(acknowledged.Count >= 24 ? "enough" : null));

            first.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(customers);
            var interrupted = await InDatabaseAsync(directory, Undecided);
            Assert.True(interrupted > 0, "the kill landed when no turn was in flight, so nothing was there to recover");
            // The slow model was there to keep turns in flight for the kill; recovering them need not wait for it.
            llm.Responder = _ => FakeReply.Text("You can return an item within 30 days of delivery [1].");

            // The restart runs in this process on the killed server's data directory: what the kill left on disk is what
            // is under test, and a second cold server process would only add its start-up.
            using var second = new SupportAgentApp(directory) { KeepDataDirectory = true };
            foreach (var (key, value) in settings) second.With(key, value);
            _ = second.Server; // start it
            await CrashRecoveryTests.WaitForAsync(async () => await InDatabaseAsync(directory, Undecided) == 0 ? "all decided" : null, seconds: 120);

            var stored = await InDatabaseAsync(directory, db => db.Messages.AsNoTracking().Select(m => new { m.Id, m.Text }).ToListAsync());
            Assert.All(acknowledged, a => Assert.Contains(stored, m => m.Text == a.Text));
            Assert.All(acknowledged, a => Assert.Contains(stored, m => m.Id == a.ReplyId));
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static Task<int> Undecided(SupportDbContext db) =>
        db.Messages.CountAsync(m => m.Role == MessageRole.Customer && !db.Decisions.Any(d => d.MessageId == m.Id));

    private static async Task ChatUntilStoppedAsync(ServerProcess server, string widgetKey, int customer, ConcurrentBag<(string, string)> acknowledged, CancellationToken stop)
    {
        using var http = server.Client(widgetKey);
        try
        {
            var started = await (await http.PostAsync("/api/tenants/crash/conversations", null, stop)).Content.ReadFromJsonAsync<JsonElement>(stop);
            var (id, token) = (started.GetProperty("conversationId").GetString()!, started.GetProperty("conversationToken").GetString()!);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var text = $"{Question} (customer {customer}, message {n})";
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/crash/conversations/{id}/messages") { Content = JsonContent.Create(new { text }) };
                request.Headers.Add("X-Conversation-Token", token);
                using var response = await http.SendAsync(request, stop);
                if (response.StatusCode != HttpStatusCode.OK) continue;
                var reply = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                acknowledged.Add((text, reply.GetProperty("messageId").GetString()!));
            }
        }
        catch (HttpRequestException) { } // the server died under the request: not acknowledged
        catch (OperationCanceledException) { }
        catch (JsonException) { }
    }

    private static async Task<string> CreateTenantWithKnowledgeAsync(ServerProcess server)
    {
        using var @operator = server.Client(SupportAgentApp.OperatorKey);
        var created = await (await @operator.PostAsJsonAsync("/api/tenants", new { id = "crash", name = "Crash" })).Content.ReadFromJsonAsync<JsonElement>();
        var keys = created.GetProperty("keys");
        using var admin = server.Client(keys.GetProperty("admin").GetString());
        using var form = new MultipartFormDataContent();
        foreach (var (name, content) in TestKnowledge.Files) form.Add(new StringContent(content), "file", name);
        (await admin.PostAsync("/api/tenants/crash/documents", form)).EnsureSuccessStatusCode();
        await CrashRecoveryTests.WaitForAsync(async () =>
        {
            var documents = await admin.GetFromJsonAsync<JsonElement>("/api/tenants/crash/documents");
            var list = documents.ValueKind == JsonValueKind.Array ? documents : documents.GetProperty("documents");
            return list.EnumerateArray().All(d => d.GetProperty("status").GetString() == "indexed") ? "indexed" : null;
        });
        return keys.GetProperty("widget").GetString()!;
    }

    private static async Task<T> InDatabaseAsync<T>(string dataDirectory, Func<SupportDbContext, Task<T>> query)
    {
        var options = new DbContextOptionsBuilder<SupportDbContext>().UseSqlite($"Data Source={Path.Combine(dataDirectory, "supportagent.db")}").Options;
        await using var db = new SupportDbContext(options);
        try { return await query(db); }
        finally { SqliteConnection.ClearAllPools(); }
    }
}
