using SupportAgent.Core.Adapters;
using SupportAgent.Core.Generation;
using SupportAgent.Core.Retrieval.Condensing;
using SupportAgent.Core.Tenants;

namespace SupportAgent.Core.Conversations.Turns;

/// <summary>
/// Everything one customer turn needs, loaded once before the first stage (the tenant and its settings, the recent
/// conversation), plus the <see cref="Outcome"/> the stages fill in. Passed explicitly, so nothing about a turn hides
/// in ambient state.
/// </summary>
public sealed class TurnContext
{
    public required Conversation Conversation { get; init; }
    public required Tenant Tenant { get; init; }
    public TenantSettings Settings => Tenant.Settings;

    /// <summary>The customer's message, already persisted.</summary>
    public required Message CustomerMessage { get; init; }
    public string Text => CustomerMessage.Text;

    /// <summary>Recent turns before this one, both sides, oldest first (retrieval resolves entities from them).</summary>
    public required IReadOnlyList<ConversationTurn> Turns { get; init; }

    /// <summary>The customer's recent messages before this one, oldest first (triage reads them).</summary>
    public required IReadOnlyList<string> CustomerHistory { get; init; }

    /// <summary>Evaluation turns are scored, never announced, and do not count as approved-answer hits.</summary>
    public bool IsEvaluation => Conversation.IsEvaluation;

    /// <summary>The tenant's documents version read with the conversation, or null (the vocabulary then asks itself).</summary>
    public DocumentsVersion? Documents { get; init; }

    /// <summary>The tenant's adapter registration read with the conversation, or null (the router then asks itself).</summary>
    public KnownAdapter? Adapter { get; init; }

    public RoutePreference Route { get; init; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of arrival; the decision records the latency from it.</summary>
    public long StartedAt { get; init; }

    public TurnOutcome Outcome { get; } = new();
}
