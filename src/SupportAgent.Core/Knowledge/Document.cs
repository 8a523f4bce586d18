namespace SupportAgent.Core.Knowledge;

public sealed class Document
{
    public required string TenantId { get; init; }
    /// <summary>Stable id: the file name's slug, or the id given in a .jsonl line. Re-uploading the same id replaces.</summary>
    public required string Id { get; init; }
    public required string Title { get; set; }
    /// <summary>Original file name (or "jsonl:&lt;file&gt;").</summary>
    public required string Source { get; set; }
    public string? Url { get; set; }
    public required string ContentHash { get; set; }
    public int Version { get; set; } = 1;
    public DocumentStatus Status { get; set; } = DocumentStatus.Pending;
    public string? Error { get; set; }
    public int ChunkCount { get; set; }
    /// <summary>Failed attempts in a row that were not the file's fault (index or embedder unavailable).</summary>
    public int Attempts { get; set; }
    /// <summary>When a retryable failure is tried again; null for a document that needs no retry.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
