namespace SupportAgent.Core.Triage;

public sealed record TriageResult(
    string Category,
    double CategoryConfidence,
    string Urgency,
    string Sentiment,
    bool WantsHuman,
    bool Sensitive,
    bool OutOfScope);
