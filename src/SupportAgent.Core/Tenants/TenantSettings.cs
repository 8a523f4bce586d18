namespace SupportAgent.Core.Tenants;

/// <summary>Per-tenant knobs, stored as JSON on the tenant row so new settings need no migration.</summary>
public sealed class TenantSettings
{
    /// <summary>
    /// Minimum answer confidence (0..1) for the agent to answer on its own. With the shipped embedding model the
    /// confidence is calibrated so that 0.5 is where auto-answers were at least 95 % right on the calibration data
    /// (docs/evaluation.md); raise it for fewer, surer answers. With a lexical embedder it is the lexical coverage.
    /// </summary>
    public double AnswerThreshold { get; set; } = 0.5;

    /// <summary>How many passages are retrieved and offered to the answerer.</summary>
    public int TopK { get; set; } = 5;

    public string Persona { get; set; } = "a friendly, concise support agent";

    /// <summary>
    /// Whether urgent messages (outage, payment failure, fraud, safety) and messages the classifier places outside the
    /// taxonomy go to a person. On by default; a tenant may turn one off. Sensitive topics and asking for a person
    /// always escalate and have no switch.
    /// </summary>
    public bool EscalateUrgent { get; set; } = true;
    public bool EscalateOutOfScope { get; set; } = true;

    /// <summary>Chunk size and overlap in tokens used when this tenant's documents are ingested.</summary>
    public int ChunkTokens { get; set; } = 300;
    public int ChunkOverlapTokens { get; set; } = 40;

    /// <summary>How similar (0..1: term cosine, or sentence-vector cosine with the shipped model) a question must be to an approved one to get its reply directly.</summary>
    public double ApprovedAnswerThreshold { get; set; } = 0.75;

    /// <summary>Target time to a staff member's first reply on an escalation; older open ones are highlighted.</summary>
    public int FirstResponseTargetMinutes { get; set; } = 30;

    /// <summary>When an evaluation set was last run for this tenant (a record, not a knob); the fine-tuning readiness report asks for one.</summary>
    public DateTimeOffset? LastEvaluationAt { get; set; }

    /// <summary>
    /// Staff minutes one conversation would have cost had the agent not resolved it on its own; analytics multiplies the
    /// deflected conversations by it to estimate time saved. Set it from the tenant's own handle-time figures.
    /// </summary>
    public double StaffMinutesPerDeflection { get; set; } = 6;

    /// <summary>
    /// Hours a widget conversation stays reachable with its token, so a session restored from the customer's browser
    /// storage (a shared computer, a copied token) does not open the chat forever.
    /// </summary>
    public double ConversationSessionHours { get; set; } = 24;

    /// <summary>
    /// What the chat widget says when a customer opens it, before anything is asked: a greeting and a hint of what to ask,
    /// so the panel is never an empty box.
    /// </summary>
    public string WidgetGreeting { get; set; } = "Hi! Ask me about orders, shipping, returns or your account. I answer from our help centre, and you can ask for a person at any time.";
}
