namespace SupportAgent.Core.Analytics;

/// <summary>
/// A tenant's figures for the conversations started in a time window (the public HTTP contract's analytics body).
/// Rates are 0..1 and null when nothing they divide by happened; medians are null when there is no sample.
/// </summary>
public sealed record AnalyticsReport(
    int Conversations,
    int Messages,
    double? DeflectionRate,
    double? EscalationRate,
    IReadOnlyDictionary<string, int> EscalationsByReason,
    IReadOnlyDictionary<string, int> EscalationsByCategory,
    FirstResponse FirstResponseMs,
    double? ResolutionMinutesP50,
    int ApprovedAnswerHits,
    double? ThumbsUpRate,
    double? AdapterShare,
    double StaffMinutesSaved);

/// <summary>Median time to the first reply: by the agent (its measured latency) and by staff on escalated conversations.</summary>
public sealed record FirstResponse(double? AgentP50, double? StaffP50);
