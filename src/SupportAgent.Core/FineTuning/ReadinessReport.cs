namespace SupportAgent.Core.FineTuning;

/// <summary>The answer to "should this tenant fine-tune?", with the evidence and the reasons in plain language.</summary>
/// <param name="Verdict"><c>not_yet</c>, <c>consider</c> or <c>recommended</c>.</param>
public sealed record ReadinessReport(string Verdict, IReadOnlyList<string> Reasons, ReadinessEvidence Evidence);

/// <param name="StableExamples">De-duplicated staff-approved examples whose cited documents have not changed since.</param>
/// <param name="KnowledgeGapFailures">Escalations because retrieval found nothing good enough: fixed by adding documents.</param>
/// <param name="StyleFormatFailures">Escalations because the draft was not grounded or well-formed although sources were found: what an adapter can fix.</param>
/// <param name="DocumentsChangedLast14Days">Documents added or replaced in the window, of <paramref name="Documents"/>.</param>
/// <param name="NewCategoriesLast14Days">Categories that first appeared in the window: the taxonomy is still moving.</param>
public sealed record ReadinessEvidence(int ApprovedExamples, int StableExamples, int KnowledgeGapFailures, int StyleFormatFailures,
    int Documents, int DocumentsChangedLast14Days, int NewCategoriesLast14Days, bool EvaluationSetExists,
    int MinimumExamples, int RecommendedExamples);
