namespace SupportAgent.Core.Knowledge;

public sealed class Chunk
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string DocumentId { get; init; }
    public int DocumentVersion { get; init; }
    public int Ordinal { get; init; }
    /// <summary>Heading path ("Shipping › International"), or "Page 3" for PDFs: what a citation points at.</summary>
    public string? Heading { get; init; }
    public required string Text { get; init; }
    public int Tokens { get; init; }
}
