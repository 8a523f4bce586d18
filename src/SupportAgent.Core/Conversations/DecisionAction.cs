namespace SupportAgent.Core.Conversations;

public enum DecisionAction
{
    Answered,
    Escalated,
}
