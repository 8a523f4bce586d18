namespace SupportAgent.Core.Conversations;

public static class CustomerMessages
{
    public const string Handoff =
        "Thanks for your patience — I've passed your question to our support team, and a person will reply here shortly.";

    public const string SensitiveHandoff =
        "Thank you for telling us. This needs a person rather than an automated answer, so I've passed it to our support team and someone will reply here shortly.";

    public const string HoldingReply =
        "Sorry, I couldn't put an answer together just now. I've passed your question to our support team, and a person will reply here shortly.";
}
