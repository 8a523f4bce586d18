namespace SupportAgent.Core.Conversations;

/// <summary>
/// Queue order, most pressing first. The values are the contract: the API and the console show and sort by the number
/// (0 = sensitive or urgent, 1 = unhappy customer, 2 = the rest).
/// </summary>
public enum EscalationPriority
{
    Urgent = 0,
    High = 1,
    Normal = 2,
}
