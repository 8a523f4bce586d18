using SupportAgent.Core.Adapters;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Generation;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Answering;

/// <param name="Route">Which chat model routes may answer (live traffic: <see cref="RoutePreference.Auto"/>).</param>
/// <param name="Adapter">The tenant's adapter registration when the turn read it already (null: the router reads it).</param>
public sealed record AnswerRequest(string TenantId, string Question, IReadOnlyList<Passage> Passages, string Persona,
    string? TenantName = null, RoutePreference Route = RoutePreference.Auto, KnownAdapter? Adapter = null);

/// <param name="Grounded">False when the generator could not produce an answer supported by the passages.</param>
/// <param name="Adapter">The LoRA adapter that produced the answer, if any.</param>
/// <param name="Fallback">True when the preferred route (an adapter) failed and a fallback (the base model) answered.</param>
public sealed record GeneratedAnswer(string Text, IReadOnlyList<Citation> Citations, string Model, bool Grounded = true, int Tokens = 0,
    string? Adapter = null, bool Fallback = false);

/// <summary>One item of a streamed answer: text that may be shown now (already checked), or the finished answer (always last).</summary>
public readonly record struct AnswerUpdate(string? Text, GeneratedAnswer? Answer)
{
    public static AnswerUpdate Visible(string text) => new(text, null);
    public static AnswerUpdate Finished(GeneratedAnswer answer) => new(null, answer);
}
