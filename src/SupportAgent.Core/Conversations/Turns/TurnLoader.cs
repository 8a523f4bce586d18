using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Data;
using SupportAgent.Core.Generation;
using SupportAgent.Core.Hosting;
using SupportAgent.Core.Retrieval.Condensing;

namespace SupportAgent.Core.Conversations.Turns;

/// <summary>
/// Opens a turn: reads the tenant and the recent conversation once, then persists the customer's message before
/// anything can fail (nothing a customer wrote is lost) and shows it to staff watching the conversation.
/// </summary>
public sealed class TurnLoader(SupportDbContext db, TurnWrites writes, IChatNotifier notifier, IOptions<ChatOptions> options, TimeProvider clock)
{
    /// <param name="found">The conversation's tenant (with its documents version and adapter) when the caller read it with the
    /// conversation: one read instead of several.</param>
    public async Task<TurnContext> BeginAsync(Conversation conversation, TenantConversation? found, string text, RoutePreference route, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var tenant = found?.Tenant ?? await TurnQueries.Tenant(db, conversation.TenantId, ct);
        var turns = await RecentTurnsAsync(conversation.Id, before: null, ct);
        var message = new Message
        {
            Id = Ids.New("m"), TenantId = conversation.TenantId, ConversationId = conversation.Id,
            Role = MessageRole.Customer, Text = text, CreatedAt = clock.GetUtcNow(),
        };
        await writes.InsertAsync(db, [message], ct);
        if (!conversation.IsEvaluation) await notifier.MessageAddedAsync(message, CancellationToken.None);
        return Context(conversation, tenant, message, turns, route, started, found);
    }

    /// <summary>Opens the turn of a message already stored (crash recovery): the history is what came before it.</summary>
    public async Task<TurnContext> ResumeAsync(Conversation conversation, Message stored, RoutePreference route, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var tenant = await TurnQueries.Tenant(db, conversation.TenantId, ct);
        var turns = await RecentTurnsAsync(conversation.Id, stored.CreatedAt, ct);
        var message = await db.Messages.FirstAsync(m => m.Id == stored.Id, ct);
        return Context(conversation, tenant, message, turns, route, started, found: null);
    }

    private TurnContext Context(Conversation conversation, Tenants.Tenant tenant, Message message, List<ConversationTurn> turns, RoutePreference route, long started,
        TenantConversation? found) =>
        new()
        {
            Conversation = conversation, Tenant = tenant, CustomerMessage = message, Turns = turns,
            CustomerHistory = [.. turns.TakeLast(options.Value.HistoryTurns * 2).Where(t => t.FromCustomer).Select(t => t.Text)],
            Route = route, StartedAt = started, Documents = found?.Documents, Adapter = found?.Adapter,
        };

    /// <summary>
    /// The last <see cref="ChatOptions.HistoryTurns"/> exchanges, or <see cref="ChatOptions.EntityHistoryTurns"/> if more,
    /// both sides: retrieval needs the agent's turns too, which is where entities often get named.
    /// </summary>
    private async Task<List<ConversationTurn>> RecentTurnsAsync(string conversationId, DateTimeOffset? before, CancellationToken ct)
    {
        var count = Math.Max(options.Value.HistoryTurns, options.Value.EntityHistoryTurns) * 2;
        var turns = await TurnQueries.ToListAsync(
            before is { } until ? TurnQueries.LatestBefore(db, conversationId, until, count) : TurnQueries.Latest(db, conversationId, count), ct);
        turns.Reverse();
        return turns;
    }
}
