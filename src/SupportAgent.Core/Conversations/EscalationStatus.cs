namespace SupportAgent.Core.Conversations;

public enum EscalationStatus
{
    Open,
    Resolved,
}
