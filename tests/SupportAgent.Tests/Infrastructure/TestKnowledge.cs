namespace SupportAgent.Tests.Infrastructure;

/// <summary>A small knowledge base written for the tests: distinct topics so the right document is unambiguous.</summary>
public static class TestKnowledge
{
    public const string Shipping = """
        # International shipping

        ## Canada
        Orders to Canada are delivered in 5 to 8 business days. Duties and taxes are included at checkout, so nothing is due on delivery.

        ## United Kingdom
        Orders to the United Kingdom arrive in 6 to 10 business days by tracked courier.
        """;

    public const string Returns = """
        # Returns policy

        You can return unworn items with their tags within 30 days of delivery. Print the free return label from your
        order page and drop the parcel at any post office. Refunds reach your card 5 to 7 business days after the parcel arrives.
        """;

    public const string Billing = """
        # Payments

        We accept Visa, Mastercard, American Express and PayPal. Your card is charged when the order ships, not when it is placed.
        """;

    public static readonly (string Name, string Content)[] Files =
        [("international-shipping.md", Shipping), ("returns-policy.md", Returns), ("payments.txt", Billing)];
}
