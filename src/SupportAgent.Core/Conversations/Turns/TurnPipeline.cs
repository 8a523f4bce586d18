using System.Runtime.CompilerServices;
using SupportAgent.Core.Generation;
using SupportAgent.Core.Observability;

namespace SupportAgent.Core.Conversations.Turns;

/// <summary>
/// One customer turn, the same for every entry point (the hub, the HTTP endpoint, evaluations, the CLI and the adapter
/// gate): open the turn, run the stages in order — approved answer, triage, retrieval, policy, generation, draft —
/// each adding to the outcome, then record it. Yields text deltas as they may be shown, then the final reply.
/// </summary>
public sealed class TurnPipeline(TurnLoader loader, ApprovedAnswerStage approved, TriageStage triage, RetrievalStage retrieval,
    PolicyStage policy, GenerationStage generation, DraftStage draft, TurnRecorder recorder, ChatTelemetry telemetry)
{
    private readonly ITurnStage[] stages = [approved, triage, retrieval, policy, generation, draft];

    public IAsyncEnumerable<ChatStreamEvent> RunAsync(Conversation conversation, string text, RoutePreference route, CancellationToken ct) =>
        RunAsync(conversation, found: null, text, stored: null, route, ct);

    /// <summary>The turn of a conversation read together with its tenant (the tenant is not read again).</summary>
    public IAsyncEnumerable<ChatStreamEvent> RunAsync(TenantConversation found, string text, RoutePreference route, CancellationToken ct) =>
        RunAsync(found.Conversation, found, text, stored: null, route, ct);

    /// <summary>The turn of a customer message stored before the process stopped, which never got a decision.</summary>
    public IAsyncEnumerable<ChatStreamEvent> ResumeAsync(Conversation conversation, Message stored, CancellationToken ct) =>
        RunAsync(conversation, found: null, stored.Text, stored, RoutePreference.Auto, ct);

    private async IAsyncEnumerable<ChatStreamEvent> RunAsync(Conversation conversation, TenantConversation? found, string text, Message? stored, RoutePreference route,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var span = ChatTelemetry.StartMessage(conversation.TenantId, conversation.Id);
        var turn = stored is null ? await loader.BeginAsync(conversation, found, text, route, ct) : await loader.ResumeAsync(conversation, stored, route, ct);
        var streamed = false;
        foreach (var stage in stages)
        {
            if (!stage.AppliesTo(turn)) continue;
            using var timing = telemetry.Stage(span, stage.Name);
            await foreach (var visible in stage.RunAsync(turn, ct))
                foreach (var piece in WordPieces(visible))
                {
                    streamed = true;
                    yield return ChatStreamEvent.Token(piece);
                }
        }
        var reply = await recorder.RecordAsync(turn, span);
        // Replies not generated live (extractive, approved, escalations) are streamed once decided, a few words a piece:
        // each piece is a message on the socket, and the whole reply is already there. If generation failed after text
        // was shown, the final reply (the holding reply) replaces it in the widget.
        if (!streamed)
            foreach (var piece in WordPieces(reply.Reply, DecidedWordsPerPiece)) yield return ChatStreamEvent.Token(piece);
        yield return ChatStreamEvent.Done(reply);
    }

    private const int DecidedWordsPerPiece = 4;

    /// <summary>Deltas of <paramref name="words"/> words (each keeps its leading space) keep the widget's rendering smooth.</summary>
    internal static IEnumerable<string> WordPieces(string text, int words = 1)
    {
        var start = 0;
        var count = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || (char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i - 1]) && ++count == words))
            {
                yield return text[start..i];
                start = i;
                count = 0;
            }
        }
    }
}
