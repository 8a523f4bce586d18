namespace SupportAgent.Core.Answering;

/// <summary>Machine-readable escalation reasons, most specific first: the first that applies is the reported one.</summary>
public static class EscalationReasons
{
    public const string Sensitive = "sensitive";
    public const string WantsHuman = "wants_human";
    public const string Urgent = "urgent";
    public const string ActionRequest = "action_request";
    public const string OutOfScope = "out_of_scope";
    public const string RetrievalUnavailable = "retrieval_unavailable";
    public const string LowConfidence = "low_confidence";
    public const string GenerationFailed = "generation_failed";
    public const string Ungrounded = "ungrounded";

    public static readonly IReadOnlyList<string> BySpecificity =
        [Sensitive, WantsHuman, Urgent, ActionRequest, OutOfScope, RetrievalUnavailable, LowConfidence, GenerationFailed, Ungrounded];

    public static string? MostSpecific(IEnumerable<string> reasons)
    {
        var set = reasons.ToHashSet();
        return BySpecificity.FirstOrDefault(set.Contains);
    }
}
