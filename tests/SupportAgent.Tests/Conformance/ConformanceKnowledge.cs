using SupportAgent.Core.Retrieval;

namespace SupportAgent.Tests.Conformance;

/// <summary>Two tenants with overlapping topics, one document id in common and one identical passage.</summary>
public static class ConformanceKnowledge
{
    public const string SharedReturnsText =
        "You can return unworn items with their tags within 30 days of delivery. Refunds reach your card 5 to 7 business days after the parcel arrives.";

    public static readonly (string Tenant, string Document, IndexedChunk[] Chunks)[] Documents =
    [
        ("acme", "shipping", [
            new("acme:shipping:0", "shipping", "International shipping", "Canada",
                "Orders to Canada are delivered in 5 to 8 business days. Duties and taxes are included at checkout.", "https://acme.example/shipping"),
            new("acme:shipping:1", "shipping", "International shipping", "United Kingdom",
                "Orders to the United Kingdom arrive in 6 to 10 business days by tracked courier.", "https://acme.example/shipping"),
        ]),
        ("acme", "returns", [new("acme:returns:0", "returns", "Returns and refunds", null, SharedReturnsText, null)]),
        ("acme", "payments", [new("acme:payments:0", "payments", "Payments", null,
            "We accept Visa, Mastercard, American Express and PayPal. Your card is charged when the order ships.", null)]),
        ("globex", "shipping", [
            new("globex:shipping:0", "shipping", "Globex drone delivery", "Canada",
                "Globex delivers to Canada by drone within 2 days; the globex tenant_id is globex.", "https://globex.example/shipping"),
        ]),
        ("globex", "returns", [new("globex:returns:0", "returns", "Returns and refunds", null, SharedReturnsText, null)]),
    ];
}
