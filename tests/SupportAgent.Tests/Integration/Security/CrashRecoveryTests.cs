using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Conversations;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Security;

/// <summary>
/// A customer message stored just before the process died never got a reply or an escalation (issue 13 finding 12):
/// at the next start it is run through the turn again, so every stored message is answered or escalated.
/// </summary>
[SlowCollection]
public class CrashRecoveryTests
{
    private const string Question = "How long do I have to return an item?";

    [Fact]
    public async Task AMessageStoredWithoutADecisionIsAnsweredAfterARestart()
    {
        string conversationId, messageId;
        var directory = Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"));
        using (var before = new SupportAgentApp(directory) { KeepDataDirectory = true })
        {
            var keys = await before.CreateTenantWithKnowledgeAsync("acme");
            using var chat = new ChatClient(before, "acme", keys.Widget);
            conversationId = await chat.StartAsync();
            // What a crash between storing the message and deciding leaves: the customer's words and nothing else.
            messageId = Ids.New("m");
            await before.InDatabaseAsync(db =>
            {
                db.Messages.Add(new Message { Id = messageId, TenantId = "acme", ConversationId = conversationId, Role = MessageRole.Customer, Text = Question, CreatedAt = DateTimeOffset.UtcNow });
                return db.SaveChangesAsync();
            });
        }

        using var after = new SupportAgentApp(directory).With("SupportAgent:Recovery:InterruptedTurnMinAge", "00:00:00");
        _ = after.Server; // start it

        var decision = await WaitForAsync(() => after.InDatabaseAsync(db => db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.MessageId == messageId)));
        Assert.Equal(DecisionAction.Answered, decision.Action);
        var reply = await after.InDatabaseAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == decision.ReplyMessageId));
        Assert.Equal(MessageRole.Assistant, reply.Role);
        Assert.Contains("30 days", reply.Text);
        Assert.Equal(1, await after.InDatabaseAsync(db => db.Decisions.CountAsync(d => d.MessageId == messageId)));
    }

    [Fact]
    public async Task EvaluationConversationsLeftByACrashedRunAreDeletedAtTheNextStartAndAFreshOneStays()
    {
        var directory = Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"));
        using (var before = new SupportAgentApp(directory) { KeepDataDirectory = true })
        {
            await before.CreateTenantAsync("acme");
            await before.InDatabaseAsync(db =>
            {
                db.Conversations.AddRange(
                    new Conversation { Id = "c-abandoned", TenantId = "acme", IsEvaluation = true, CreatedAt = DateTimeOffset.UtcNow.AddHours(-3) },
                    new Conversation { Id = "c-running", TenantId = "acme", IsEvaluation = true, CreatedAt = DateTimeOffset.UtcNow },
                    new Conversation { Id = "c-customer", TenantId = "acme", CreatedAt = DateTimeOffset.UtcNow.AddHours(-3) });
                db.Messages.Add(new Message { Id = "m-abandoned", TenantId = "acme", ConversationId = "c-abandoned", Role = MessageRole.Customer, Text = "q", CreatedAt = DateTimeOffset.UtcNow.AddHours(-3) });
                return db.SaveChangesAsync();
            });
        }

        using var after = new SupportAgentApp(directory);
        _ = after.Server;

        await WaitForAsync(async () => await after.InDatabaseAsync(db => db.Conversations.AnyAsync(c => c.Id == "c-abandoned")) ? null : "gone");
        var left = await after.InDatabaseAsync(db => db.Conversations.Select(c => c.Id).OrderBy(id => id).ToListAsync());
        Assert.Equal(["c-customer", "c-running"], left);
        Assert.False(await after.InDatabaseAsync(db => db.Messages.AnyAsync(m => m.Id == "m-abandoned")));
        // The evaluation's own message was never a customer's: it is not "recovered" into a reply either.
        Assert.Equal(0, await after.InDatabaseAsync(db => db.Decisions.CountAsync()));
    }

    internal static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, int seconds = 60) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not reached within {seconds} s.");
            await Task.Delay(100);
        }
    }
}

[OnPostgres]
public sealed class CrashRecoveryTestsOnPostgres : CrashRecoveryTests;
