namespace SupportAgent.Core.Conversations;

public sealed class Conversation
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    /// <summary>Evaluation runs create conversations too; they are flagged so analytics never count them.</summary>
    public bool IsEvaluation { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
