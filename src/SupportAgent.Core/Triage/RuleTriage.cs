namespace SupportAgent.Core.Triage;

/// <summary>
/// Rules and lexicons for the signals that must never depend on a model: asking for a person, sensitive topics,
/// urgency and frustration. Category here is a keyword fallback for tenants without a trained classifier.
/// </summary>
public sealed class RuleTriage : ITriage
{
    private static readonly Lexicon WantsHuman = new(
        "human", "real person", "a person", "live agent", "an agent", "speak to someone", "talk to someone", "speak with someone",
        "representative", "customer service rep", "operator", "someone real", "actual person", "talk to a person", "speak to a person");

    private static readonly Lexicon Sensitive = new(
        "close my account", "delete my account", "lawyer", "legal action", "sue", "lawsuit", "court", "gdpr request",
        "suicide", "kill myself", "self harm", "self-harm", "hurt myself", "medical emergency", "allergic reaction");

    private static readonly Lexicon Urgent = new(
        "urgent", "asap", "immediately", "emergency", "outage", "is down", "not working at all", "charged twice",
        "double charged", "payment failed", "fraud", "stolen", "unauthorized", "unauthorised", "fire", "smoke", "injury", "injured");

    private static readonly Lexicon Negative = new(
        "angry", "furious", "ridiculous", "terrible", "awful", "worst", "unacceptable", "useless", "disappointed",
        "frustrated", "fed up", "still waiting", "again", "scam");

    private static readonly (string Category, Lexicon Words)[] Categories =
    [
        ("shipping", new("ship", "shipping", "shipped", "delivery", "deliver", "delivered", "courier", "tracking", "track", "parcel", "package", "arrive")),
        ("returns", new("return", "returns", "refund", "refunds", "exchange", "send back", "money back")),
        ("billing", new("bill", "billing", "charge", "charged", "invoice", "payment", "pay", "card", "price", "discount", "coupon", "vat", "tax")),
        ("account", new("account", "password", "login", "log in", "sign in", "email address", "profile", "two-factor", "2fa")),
        ("product", new("size", "sizing", "wash", "care", "material", "warranty", "battery", "fabric", "stock")),
        ("technical", new("error", "bug", "crash", "app", "website", "page", "loading", "checkout")),
    ];

    public Task<TriageResult> TriageAsync(string tenantId, string text, IReadOnlyList<string> history, CancellationToken ct)
    {
        var category = Categories.FirstOrDefault(c => c.Words.Matches(text)).Category ?? "other";
        var urgent = Urgent.Matches(text);
        var negative = Negative.Matches(text) || text.Count(c => c == '!') >= 3;
        return Task.FromResult(new TriageResult(
            Category: category,
            CategoryConfidence: category == "other" ? 0 : 1,
            Urgency: urgent ? "high" : "normal",
            Sentiment: negative ? "negative" : "neutral",
            WantsHuman: WantsHuman.Matches(text),
            Sensitive: Sensitive.Matches(text),
            OutOfScope: false));
    }
}
