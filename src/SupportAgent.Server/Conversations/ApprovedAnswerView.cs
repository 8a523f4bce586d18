using SupportAgent.Core.Handoff;

namespace SupportAgent.Server.Conversations;

public sealed record ApprovedAnswerView(string Id, string Question, string Answer, string? EscalationId, int Hits, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ApprovedAnswerView From(ApprovedAnswer a) => new(a.Id, a.Question, a.Answer, a.EscalationId, a.Hits, a.CreatedAt, a.UpdatedAt);
}
