using SupportAgent.Core.Conversations.Turns;
using SupportAgent.Core.Data;
using SupportAgent.Core.Generation;

namespace SupportAgent.Core.Conversations;

/// <summary>
/// Conversations for every entry point: start one, find one, and run a customer turn through the
/// <see cref="TurnPipeline"/> — streamed (the hub) or awaited whole (HTTP, evaluations, the adapter gate).
/// </summary>
public sealed class ChatService(SupportDbContext db, TurnPipeline pipeline, TimeProvider clock)
{
    public async Task<Conversation> StartAsync(string tenantId, bool isEvaluation, CancellationToken ct)
    {
        var conversation = new Conversation { Id = Ids.New("c"), TenantId = tenantId, IsEvaluation = isEvaluation, CreatedAt = clock.GetUtcNow() };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(ct);
        return conversation;
    }

    public Task<Conversation?> FindAsync(string tenantId, string conversationId, CancellationToken ct) =>
        TurnQueries.Conversation(db, tenantId, conversationId, ct);

    /// <summary>The conversation with its tenant in one read, for a turn about to run on it (<see cref="StreamAsync(TenantConversation, string, CancellationToken)"/>).</summary>
    public Task<TenantConversation?> FindWithTenantAsync(string tenantId, string conversationId, CancellationToken ct) =>
        TurnQueries.ConversationWithTenant(db, tenantId, conversationId, ct);

    /// <summary>
    /// The reply as it is produced: checked text deltas, then the final reply (always last, authoritative). The caller
    /// has checked the conversation belongs to the tenant and the text is valid.
    /// </summary>
    public IAsyncEnumerable<ChatStreamEvent> StreamAsync(Conversation conversation, string text, CancellationToken ct) =>
        pipeline.RunAsync(conversation, text, RoutePreference.Auto, ct);

    /// <summary>The same, for a conversation read with its tenant (<see cref="FindWithTenantAsync"/>).</summary>
    public IAsyncEnumerable<ChatStreamEvent> StreamAsync(TenantConversation found, string text, CancellationToken ct) =>
        pipeline.RunAsync(found, text, RoutePreference.Auto, ct);

    /// <summary>The same turn, awaited whole.</summary>
    public Task<ChatReply> HandleAsync(Conversation conversation, string text, CancellationToken ct) =>
        HandleAsync(conversation, text, RoutePreference.Auto, ct);

    /// <summary>The same turn, awaited whole, for a conversation read with its tenant.</summary>
    public Task<ChatReply> HandleAsync(TenantConversation found, string text, CancellationToken ct) =>
        ReplyOfAsync(pipeline.RunAsync(found, text, RoutePreference.Auto, ct));

    /// <summary>The turn of a customer message stored before a crash, which never got a decision (crash recovery).</summary>
    public Task<ChatReply> ResumeAsync(Conversation conversation, Message stored, CancellationToken ct) =>
        ReplyOfAsync(pipeline.ResumeAsync(conversation, stored, ct));

    /// <summary>The same turn on chosen model routes (the adapter gate measures each side alone).</summary>
    public Task<ChatReply> HandleAsync(Conversation conversation, string text, RoutePreference route, CancellationToken ct) =>
        ReplyOfAsync(pipeline.RunAsync(conversation, text, route, ct));

    /// <summary>A turn awaited whole: its final reply, which always comes last.</summary>
    private static async Task<ChatReply> ReplyOfAsync(IAsyncEnumerable<ChatStreamEvent> turn)
    {
        await foreach (var item in turn)
            if (item.Reply is { } reply) return reply;
        throw new InvalidOperationException("The turn ended without a reply.");
    }
}
