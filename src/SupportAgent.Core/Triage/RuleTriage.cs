namespace SupportAgent.Core.Triage;

/// <summary>
/// Rules and lexicons for the signals that must never depend on a model: asking for a person, sensitive topics,
/// urgency and frustration. Category here is a keyword fallback for tenants without a trained classifier.
/// The phrasings come from how customers actually write: indirect asks ("is there a human I can talk to"),
/// gaps ("close down my old account"), contractions and curly apostrophes.
/// </summary>
public sealed class RuleTriage : ITriage
{
    private static readonly Lexicon WantsHuman = Lexicon.Patterns(
        @"(real|actual|live|human)\s+(person|human|agent|being|operator|rep(resentative)?)", @"(speak|talk|chat|connect|get|need|want|give)\s+(me\s+)?((to|with)\s+)?(a|an|some|your)\s+(human|person|agent|rep|representative|operator|supervisor|manager)",
        @"human", @"someone\s+(real|from\s+(your|the)\s+(team|company|support))", @"(speak|talk|chat)\s+(to|with)\s+(someone|somebody|anyone|a\s+\w+|your\s+\w+|customer\s+service)",
        @"representative", @"customer\s+service\s+rep", @"(transfer|connect|put)\s+me\s+(to|through|with)", @"escalate\s+(this|my)",
        @"(are\s+you|is\s+this)\s+a\s+(bot|robot|machine)", @"stop\s+(the\s+)?bot", @"not\s+(a|another|the)\s+(bot|robot|machine)", @"call\s+me\s+back");

    private static readonly Lexicon Sensitive = Lexicon.Patterns(
        @"(close|delete|cancel|deactivate|terminate|remove|shut|erase)\s+(down\s+)?(my|our|the|this)?\s*(\w+\s+){0,2}(account|profile|data)",
        @"(lawyer|attorney|solicitor|legal\s+action|legal\s+team|lawsuit|sue|suing|court|small\s+claims|trading\s+standards|ombudsman)",
        @"gdpr|data\s+protection|privacy\s+(complaint|breach)|subject\s+access\s+request",
        @"suicid\w*|kill\s+myself|end\s+(my|it)\s+(life|all)|self[-\s]?harm|hurt(ing)?\s+myself|harm(ing)?\s+myself|don'?t\s+want\s+to\s+(live|be\s+alive)",
        @"medical|hospital|doctor|allerg(y|ic|ies)|rash|chemical\s+burn|pregnan\w*",
        @"(passed\s+away|died|deceased|bereavement)", @"harass\w*|discriminat\w*|police|assault\w*");

    private static readonly Lexicon Urgent = Lexicon.Patterns(
        @"urgent(ly)?|asap|immediately|right\s+now|emergency",
        @"outage|(site|website|app|checkout|system)\s+(is\s+)?(down|broken|not\s+loading)|is\s+down|not\s+working\s+at\s+all",
        @"charged\s+(twice|two\s+times|2\s+times|double|three\s+times)|double[-\s]?charged|(taken|debited|billed)\s+twice",
        @"payment\s+(failed|didn'?t\s+go\s+through|did\s+not\s+go\s+through|keeps?\s+failing|was\s+declined)",
        @"fraud\w*|stolen|unauthori[sz]ed|hacked|someone\s+(else\s+)?(used|accessed|got\s+into)\s+my",
        @"sue|suing|lawyer|legal\s+action|lawsuit",
        // Not bare "smoke" or "burnt": those are colours in a clothing catalogue.
        @"fire|caught\s+fire|smoke\s+(came|coming|pouring)|smoking\s+(hot|battery|charger)|sparking|sparks\s+(came|coming|flew)|exploded|explosion|electric\s+shock|overheat\w*|injur\w*|burned\s+(me|my|myself)|choking|unsafe|dangerous");

    private static readonly Lexicon Negative = Lexicon.Patterns(
        @"angry|furious|livid|ridiculous|terrible|awful|worst|unacceptable|useless|disappointed|disgusting|horrible|pathetic|appalling",
        @"frustrat\w*|fed\s+up|sick\s+of|tired\s+of|still\s+waiting|(third|fourth|fifth)\s+time|how\s+many\s+times|for\s+the\s+last\s+time",
        @"never\s+(again|ordering|buying|shopping)|waste\s+of|scam|joke|rip[-\s]?off|wtf|fuming|not\s+happy|very\s+unhappy|so\s+annoyed|annoying");

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
        var negative = Negative.Matches(text) || text.Count(c => c == '!') >= 3 || Shouting(text);
        return Task.FromResult(new TriageResult(
            Category: category,
            CategoryConfidence: category == "other" ? 0 : 1,
            Urgency: Urgent.Matches(text) ? Urgency.High : Urgency.Normal,
            Sentiment: negative ? Sentiment.Negative : Sentiment.Neutral,
            WantsHuman: WantsHuman.Matches(text) || RepeatedFailure.Detect(text, history),
            Sensitive: Sensitive.Matches(text),
            OutOfScope: false,
            ActionRequest: ActionRequests.Detect(text)));
    }

    /// <summary>Mostly capitals over several words reads as shouting.</summary>
    private static bool Shouting(string text)
    {
        var letters = text.Where(char.IsLetter).ToList();
        return letters.Count >= 12 && letters.Count(char.IsUpper) >= 0.7 * letters.Count;
    }
}
