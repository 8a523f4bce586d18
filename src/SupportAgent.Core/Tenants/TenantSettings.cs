namespace SupportAgent.Core.Tenants;

/// <summary>Per-tenant knobs, stored as JSON on the tenant row so new settings need no migration.</summary>
public sealed class TenantSettings
{
    /// <summary>Minimum retrieval confidence (0..1) for the agent to answer on its own.</summary>
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
}
