namespace SupportAgent.Core.Triage;

/// <param name="ActionRequest">The customer asks us to do something the agent cannot (refund, cancel, change an account).</param>
public sealed record TriageResult(
    string Category,
    double CategoryConfidence,
    Urgency Urgency,
    Sentiment Sentiment,
    bool WantsHuman,
    bool Sensitive,
    bool OutOfScope,
    bool ActionRequest = false);
