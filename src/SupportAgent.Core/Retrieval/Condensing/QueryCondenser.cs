using Microsoft.Extensions.Logging;
using Polly;
using SupportAgent.Core.Generation;
using SupportAgent.Core.Generation.Prompts;

namespace SupportAgent.Core.Retrieval.Condensing;

/// <summary>
/// Turns the latest message plus recent turns into one standalone search query. With a chat model configured, the
/// base model rewrites it through the same Semantic Kernel stack as answers (<see cref="CondensationPrompt"/>; it
/// resolves "they", "that one" and topic shifts best); without one, or when the model fails, runs past its budget or
/// says nothing useful, entity and topic tracking does it lexically. The message itself is never lost: the lexical
/// path only appends words, and the model's rewrite is searched together with the original question.
/// </summary>
public sealed class QueryCondenser(IEntityVocabulary vocabulary, IChatModelRouter router, ChatKernels kernels, TimeProvider clock, ILogger<QueryCondenser> log)
{
    private readonly ResiliencePipeline budget = LlmResilience.Condensation(clock);

    public Task<CondensedQuery> CondenseAsync(string tenantId, string question, IReadOnlyList<ConversationTurn> history, CancellationToken ct) =>
        CondenseAsync(tenantId, question, history, documents: null, ct);

    /// <param name="documents">The tenant's documents version, when the caller read it already (the entity vocabulary need not).</param>
    public async Task<CondensedQuery> CondenseAsync(string tenantId, string question, IReadOnlyList<ConversationTurn> history, DocumentsVersion? documents, CancellationToken ct)
    {
        if (history.Count == 0) return new CondensedQuery(question, []);
        // Always the base model: a tenant's adapter is tuned for tone and format, not for rewriting search queries.
        var routes = await router.RoutesAsync(tenantId, RoutePreference.Base, ct);
        if (routes.Count > 0 && await RewriteAsync(tenantId, routes[0], question, history, ct) is { } rewritten)
            return new CondensedQuery(rewritten, []);
        var (isEntity, names) = await vocabulary.LookupAsync(tenantId, documents, ct);
        return LexicalCondensation.Condense(question, history, isEntity, names);
    }

    private async Task<string?> RewriteAsync(string tenantId, ChatRoute route, string question, IReadOnlyList<ConversationTurn> history, CancellationToken ct)
    {
        try
        {
            var arguments = CondensationPrompt.Arguments(question, history, ChatKernels.Settings(route, temperature: 0));
            var kernel = kernels.For(route.Client);
            var result = await budget.ExecuteAsync(async token => await ChatPrompts.Condense.InvokeAsync(kernel, arguments, token), ct);
            await router.ReportAsync(tenantId, route, succeeded: true, ct);
            var query = (result.GetValue<string>() ?? "").Trim().Trim('"');
            return query.Length is > 0 and <= 500 ? $"{query} {question}" : null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Query condensation by the chat model failed for tenant {Tenant}; using lexical condensation", tenantId);
            await router.ReportAsync(tenantId, route, succeeded: false, ct);
            return null;
        }
    }
}
