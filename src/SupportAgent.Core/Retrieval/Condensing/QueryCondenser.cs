using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Generation;

namespace SupportAgent.Core.Retrieval.Condensing;

/// <summary>
/// Turns the latest message plus recent turns into one standalone search query. With a chat model routed for the
/// tenant (always the base model), the model rewrites it (it resolves "they", "that one" and topic shifts best); without one, or when the model
/// fails or says nothing useful, entity and topic tracking does it lexically. The message itself is never lost:
/// the lexical path only appends words, and the model's rewrite is searched together with the original question.
/// </summary>
public sealed class QueryCondenser(IEntityVocabulary vocabulary, IChatModelRouter router, ILogger<QueryCondenser> log)
{
    private static readonly TimeSpan LlmBudget = TimeSpan.FromSeconds(5);

    public async Task<CondensedQuery> CondenseAsync(string tenantId, string question, IReadOnlyList<ConversationTurn> history, CancellationToken ct)
    {
        if (history.Count == 0) return new CondensedQuery(question, []);
        // Always the base model: a tenant's adapter is tuned for tone and format, not for rewriting search queries.
        var routes = await router.RoutesAsync(tenantId, RoutePreference.Base, ct);
        if (routes.Count > 0 && await RewriteAsync(tenantId, routes[0], question, history, ct) is { } rewritten)
            return new CondensedQuery(rewritten, []);
        var (isEntity, names) = await vocabulary.LookupAsync(tenantId, ct);
        return LexicalCondensation.Condense(question, history, isEntity, names);
    }

    private async Task<string?> RewriteAsync(string tenantId, ChatRoute route, string question, IReadOnlyList<ConversationTurn> history, CancellationToken ct)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(LlmBudget);
        try
        {
            var transcript = string.Join("\n", history.TakeLast(6).Select(t => $"{(t.FromCustomer ? "Customer" : "Agent")}: {t.Text}"));
            var response = await route.Client.GetResponseAsync(
            [
                new ChatMessage(ChatRole.System,
                    "Rewrite the customer's last message as one standalone search query for the support knowledge base. " +
                    "Resolve pronouns to the names they refer to and keep the topic. Reply with the query only."),
                new ChatMessage(ChatRole.User, $"{transcript}\nCustomer (last message): {question}"),
            ], new ChatOptions { ModelId = route.Model, Temperature = 0 }, budget.Token);
            await router.ReportAsync(tenantId, route, succeeded: true, ct);
            var query = response.Text.Trim().Trim('"');
            return query.Length is > 0 and <= 500 ? $"{query} {question}" : null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Query condensation by the chat model failed for tenant {Tenant}; using lexical condensation", tenantId);
            await router.ReportAsync(tenantId, route, succeeded: false, ct);
            return null;
        }
    }
}
