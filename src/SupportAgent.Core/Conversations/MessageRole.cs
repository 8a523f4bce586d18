namespace SupportAgent.Core.Conversations;

public enum MessageRole
{
    Customer,
    Assistant,
    Staff,
}
