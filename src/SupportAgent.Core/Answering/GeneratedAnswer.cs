using SupportAgent.Core.Conversations;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Answering;

/// <param name="OnText">Receives answer text as soon as it may be shown (already checked), for streaming to the widget.</param>
public sealed record AnswerRequest(string TenantId, string Question, IReadOnlyList<Passage> Passages, string Persona,
    string? TenantName = null, Func<string, CancellationToken, ValueTask>? OnText = null);

/// <param name="Grounded">False when the generator could not produce an answer supported by the passages.</param>
/// <param name="Adapter">The LoRA adapter that produced the answer, if any.</param>
/// <param name="Fallback">True when the preferred route (an adapter) failed and a fallback (the base model) answered.</param>
public sealed record GeneratedAnswer(string Text, IReadOnlyList<Citation> Citations, string Model, bool Grounded = true, int Tokens = 0,
    string? Adapter = null, bool Fallback = false);
