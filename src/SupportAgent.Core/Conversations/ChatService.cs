using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Answering;
using SupportAgent.Core.Data;
using SupportAgent.Core.Handoff;
using SupportAgent.Core.Hosting;
using SupportAgent.Core.Observability;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Condensing;
using SupportAgent.Core.Triage;

namespace SupportAgent.Core.Conversations;

/// <summary>
/// One customer message end to end: persist it, triage, retrieve, decide, answer or escalate, persist the
/// decision. The customer's message is saved before anything can fail, so nothing they wrote is lost.
/// </summary>
public sealed class ChatService(
    SupportDbContext db, ITriage triage, Retriever retriever, IAnswerGenerator generator, IChatNotifier notifier,
    IOptions<ChatOptions> options, TimeProvider clock, ILogger<ChatService> log, ApprovedAnswerFastPath approvedAnswers,
    ChatTelemetry telemetry)
{
    public async Task<Conversation> StartAsync(string tenantId, bool isEvaluation, CancellationToken ct)
    {
        var conversation = new Conversation { Id = Ids.New("c"), TenantId = tenantId, IsEvaluation = isEvaluation, CreatedAt = clock.GetUtcNow() };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(ct);
        return conversation;
    }

    public Task<Conversation?> FindAsync(string tenantId, string conversationId, CancellationToken ct) =>
        db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId && c.TenantId == tenantId, ct);

    /// <summary>
    /// The streaming path: answer text as the model produces it (only text that passed the citation check), then the
    /// final reply. The final reply is authoritative: if generation fails after some text was shown, it carries the
    /// escalation and the holding reply, and the widget replaces what it showed. Replies not generated live (extractive,
    /// escalations) are streamed word by word once decided.
    /// </summary>
    public async IAsyncEnumerable<ChatStreamEvent> StreamAsync(Conversation conversation, string text, [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var handling = HandleAsync(conversation, text, (visible, _) =>
        {
            foreach (var word in WordPieces(visible)) channel.Writer.TryWrite(word);
            return ValueTask.CompletedTask;
        }, ct);
        _ = handling.ContinueWith(_ => channel.Writer.TryComplete(), TaskScheduler.Default);
        var streamed = false;
        await foreach (var token in channel.Reader.ReadAllAsync(ct))
        {
            streamed = true;
            yield return ChatStreamEvent.Token(token);
        }
        var reply = await handling;
        if (!streamed)
            foreach (var word in WordPieces(reply.Reply)) yield return ChatStreamEvent.Token(word);
        yield return ChatStreamEvent.Done(reply);
    }

    /// <summary>Handles a customer message. The caller has checked the conversation belongs to the tenant and the text is valid.</summary>
    public async Task<ChatReply> HandleAsync(Conversation conversation, string text, CancellationToken ct) => await HandleAsync(conversation, text, null, ct);

    private async Task<ChatReply> HandleAsync(Conversation conversation, string text, Func<string, CancellationToken, ValueTask>? onText, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = ChatTelemetry.StartMessage(conversation.TenantId, conversation.Id);
        var turns = await RecentTurnsAsync(conversation.Id, ct);
        var history = turns.TakeLast(options.Value.HistoryTurns * 2).Where(t => t.FromCustomer).Select(t => t.Text).ToList();
        var message = new Message
        {
            Id = Ids.New("m"), TenantId = conversation.TenantId, ConversationId = conversation.Id,
            Role = MessageRole.Customer, Text = text, CreatedAt = clock.GetUtcNow(),
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync(ct);
        // Staff with the conversation open see the customer's words as they arrive, not on their next reload.
        if (!conversation.IsEvaluation) await notifier.MessageAddedAsync(message, CancellationToken.None);
        if (await approvedAnswers.TryAnswerAsync(conversation, message, history, started, ct) is { } approved) return approved;

        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == conversation.TenantId, ct);
        var settings = tenant.Settings;
        var triaged = await telemetry.StageAsync("triage", () => triage.TriageAsync(tenant.Id, text, history, ct));
        var retrieval = await telemetry.StageAsync("retrieval", () => retriever.RetrieveAsync(tenant.Id, text, turns, settings.TopK, ct));
        var reasons = AnswerPolicy.ReasonsToEscalate(triaged, retrieval, settings).ToList();

        GeneratedAnswer? answer = null;
        string? failedModel = null;
        if (reasons.Count == 0)
        {
            try
            {
                answer = await telemetry.StageAsync("generation", () => generator.GenerateAsync(
                    new AnswerRequest(tenant.Id, text, retrieval.Passages, settings.Persona, tenant.Name, onText), ct));
                if (!answer.Grounded) reasons.Add(EscalationReasons.Ungrounded);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Generation failed for conversation {Conversation}", conversation.Id);
                reasons.Add(EscalationReasons.GenerationFailed);
                failedModel = (e as GenerationFailedException)?.Model;
            }
        }

        var reason = EscalationReasons.MostSpecific(reasons);
        var escalated = reason is not null;
        var replyText = !escalated ? answer!.Text
            : reason == EscalationReasons.Sensitive ? CustomerMessages.SensitiveHandoff
            : reason == EscalationReasons.GenerationFailed ? CustomerMessages.HoldingReply
            : CustomerMessages.Handoff;
        var citations = escalated ? [] : answer!.Citations;

        var reply = new Message
        {
            Id = Ids.New("m"), TenantId = tenant.Id, ConversationId = conversation.Id, Role = MessageRole.Assistant,
            Text = replyText, Citations = [.. citations], CreatedAt = clock.GetUtcNow(),
        };
        var decision = new Decision
        {
            Id = Ids.New("d"), TenantId = tenant.Id, ConversationId = conversation.Id, MessageId = message.Id, ReplyMessageId = reply.Id,
            Category = triaged.Category, CategoryConfidence = triaged.CategoryConfidence, OutOfScope = triaged.OutOfScope, Urgency = triaged.Urgency, Sentiment = triaged.Sentiment, TopScore = retrieval.Confidence,
            Action = escalated ? DecisionAction.Escalated : DecisionAction.Answered, Reason = reason, Reasons = reasons,
            Retrieved = [.. retrieval.Passages.Select(p => new RetrievedSource(p.Chunk.DocumentId, p.Chunk.ChunkId, p.Score, p.Confidence))],
            Model = answer?.Model ?? failedModel ?? ExtractiveAnswerer.ModelName, Adapter = answer?.Adapter, Fallback = answer?.Fallback ?? false, Tokens = answer?.Tokens ?? 0,
            LatencyMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, CreatedAt = clock.GetUtcNow(),
        };
        db.Messages.Add(reply);
        db.Decisions.Add(decision);
        Escalation? escalation = null;
        if (escalated)
        {
            escalation = NewEscalation(conversation, decision, text, triaged, retrieval, answer);
            db.Escalations.Add(escalation);
        }
        await db.SaveChangesAsync(CancellationToken.None); // the customer already waited for this; finish the write
        telemetry.Decided(span, decision);

        if (!conversation.IsEvaluation)
        {
            await notifier.MessageAddedAsync(reply, CancellationToken.None);
            if (escalation is not null) await notifier.EscalationCreatedAsync(escalation, CancellationToken.None);
        }

        return new ChatReply(reply.Id, replyText, escalated ? "escalated" : "answered", reason, triaged.Category,
            citations, escalation?.Id, decision.Model);
    }

    private Escalation NewEscalation(Conversation conversation, Decision decision, string text, TriageResult triaged,
        RetrievalResult retrieval, GeneratedAnswer? answer) => new()
    {
        Id = Ids.New("e"), TenantId = conversation.TenantId, ConversationId = conversation.Id, DecisionId = decision.Id,
        Reason = decision.Reason!, Category = triaged.Category,
        Priority = triaged.Sensitive || triaged.Urgency == "high" ? 0 : triaged.Sentiment == "negative" ? 1 : 2,
        Summary = text.Length <= 140 ? text : text[..137] + "…",
        Draft = answer?.Text,
        Sources = [.. retrieval.Passages.Take(3).Select(p =>
            new Citation(p.Chunk.DocumentId, p.Chunk.Title, p.Chunk.ChunkId, p.Chunk.Text.Length <= 300 ? p.Chunk.Text : p.Chunk.Text[..297] + "…", p.Chunk.Url, p.Chunk.Heading))],
        CreatedAt = clock.GetUtcNow(),
    };

    /// <summary>Word-sized deltas (each keeps its leading space) keep the widget's rendering smooth.</summary>
    internal static IEnumerable<string> WordPieces(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || (char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i - 1])))
            {
                yield return text[start..i];
                start = i;
            }
        }
    }

    /// <summary>
    /// The last <see cref="ChatOptions.HistoryTurns"/> exchanges, or <see cref="ChatOptions.EntityHistoryTurns"/> if more,
    /// both sides: retrieval needs the agent's turns too, which is where entities often get named.
    /// </summary>
    private async Task<List<ConversationTurn>> RecentTurnsAsync(string conversationId, CancellationToken ct)
    {
        var turns = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.CreatedAt).Take(Math.Max(options.Value.HistoryTurns, options.Value.EntityHistoryTurns) * 2)
            .Select(m => new ConversationTurn(m.Role == MessageRole.Customer, m.Text)).ToListAsync(ct);
        turns.Reverse();
        return turns;
    }
}
