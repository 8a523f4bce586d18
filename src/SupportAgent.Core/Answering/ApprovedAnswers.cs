using SupportAgent.Core.Conversations;
using SupportAgent.Core.Handoff;

namespace SupportAgent.Core.Answering;

public static class ApprovedAnswers
{
    /// <summary>
    /// The <c>Decision.Model</c> recorded when a reply reuses a staff-approved answer instead of generating one,
    /// which is how analytics counts approved-answer hits without a separate table.
    /// </summary>
    public const string ModelName = "approved-answer";

    /// <summary>The citation an approved reply carries: the approved pair itself, so customers see where it came from.</summary>
    public static Citation CitationOf(ApprovedAnswer approved) => new(ModelName, "Approved answer", approved.Id, approved.Question);
}
